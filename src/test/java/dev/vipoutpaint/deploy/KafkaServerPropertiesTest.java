package dev.vipoutpaint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a real broker from {@code kafka/server.properties}, the way the Kafka distribution's
 * scripts do (storage format, then {@code kafka.Kafka}), in a child JVM on the test classpath.
 * Only the ports and the log folder are changed, so that the test never collides with a
 * broker already on 9092. Then it creates the topics of {@code kafka/topics.yaml} as the
 * operations guide does and reads them back.
 */
class KafkaServerPropertiesTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    private Process broker;

    @AfterEach
    void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void brokerStartsAndTakesTopicsFile() throws Exception {
        Properties shipped = load(Path.of("kafka", "server.properties"));
        int clientPort = freePort();
        int controllerPort = freePort();
        Properties config = withPortsAndLogDir(shipped, clientPort, controllerPort, workDir.resolve("kafka-data"));
        Path configFile = workDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "kafka/server.properties with test ports and log folder");
        }

        Process format = runJava("kafka.tools.StorageTool", "format", "-t", "vqAOnHTGQkWbmQrOuZ5s3Q", "-c",
                configFile.toString());
        assertThat(format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("storage format finished").isTrue();
        assertThat(format.exitValue()).as("exit status of the storage format").isZero();
        broker = runJava("kafka.Kafka", configFile.toString());

        String bootstrap = "127.0.0.1:" + clientPort;
        JsonNode topics = new ObjectMapper(new YAMLFactory()).readTree(Path.of("kafka", "topics.yaml").toFile());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) START_TIMEOUT.toMillis()))) {
            admin.createTopics(newTopics(topics)).all().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            Map<String, TopicDescription> created = admin.describeTopics(names(topics)).allTopicNames().get();
            for (JsonNode topic : topics.get("topics")) {
                String name = topic.get("name").asText();
                assertThat(created.get(name).partitions()).as("partitions of %s", name)
                        .hasSize(topic.get("partitions").asInt());
            }
            ConfigResource prompted = new ConfigResource(ConfigResource.Type.TOPIC, "vip.outpaint.prompted");
            Config promptedConfig = admin.describeConfigs(List.of(prompted)).all().get().get(prompted);
            assertThat(promptedConfig.get("retention.ms").value()).isEqualTo("604800000");

            ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config brokerConfig = admin.describeConfigs(List.of(brokerResource)).all().get().get(brokerResource);
            assertThat(brokerConfig.get("auto.create.topics.enable").value())
                    .as("a typo in a topic name must not create a topic").isEqualTo("false");
        }
    }

    @Test
    void shippedBrokerListensOnLoopbackOnly() throws IOException {
        Properties shipped = load(Path.of("kafka", "server.properties"));

        assertThat(shipped.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(shipped.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    }

    private static Properties withPortsAndLogDir(Properties shipped, int clientPort, int controllerPort, Path logDir) {
        Properties config = new Properties();
        config.putAll(shipped);
        Map<String, String> replaced = new HashMap<>();
        for (String key : List.of("listeners", "advertised.listeners", "controller.quorum.voters")) {
            replaced.put(key, shipped.getProperty(key)
                    .replace(":9092", ":" + clientPort)
                    .replace(":9093", ":" + controllerPort));
        }
        replaced.put("log.dirs", logDir.toString());
        config.putAll(replaced);
        return config;
    }

    private static List<NewTopic> newTopics(JsonNode topics) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (JsonNode topic : topics.get("topics")) {
            Map<String, String> settings = new HashMap<>();
            topic.path("config").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            newTopics.add(new NewTopic(topic.get("name").asText(), topic.get("partitions").asInt(), (short) 1)
                    .configs(settings));
        }
        return newTopics;
    }

    private static Set<String> names(JsonNode topics) {
        Set<String> names = new TreeSet<>();
        topics.get("topics").forEach(topic -> names.add(topic.get("name").asText()));
        return names;
    }

    private Process runJava(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(mainClass + ".log").toFile())
                .start();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
