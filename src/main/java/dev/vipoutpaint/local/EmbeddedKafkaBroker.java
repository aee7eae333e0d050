package dev.vipoutpaint.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one server),
 * started in this JVM with Kafka's own server classes and listening on 127.0.0.1 only.
 *
 * <p>Each start formats a fresh log folder below {@code workDir}; {@link #close()} stops the
 * server and deletes that folder, so no topic data outlives the broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats a new log folder under {@code workDir} and starts the broker on two free loopback
     * ports (client and controller).
     */
    public static EmbeddedKafkaBroker start(Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path logDir = Files.createTempDirectory(workDir, "kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();

            Properties props = serverProperties(logDir, brokerPort, controllerPort);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            format(logDir);

            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = HOST + ":" + brokerPort;
            LOG.infof("Embedded Kafka broker listening on %s, log folder %s", bootstrap, logDir);
            return new EmbeddedKafkaBroker(server, logDir, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker under " + workDir, e);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteTree(logDir);
        LOG.infof("Embedded Kafka broker on %s stopped", bootstrapServers);
    }

    private static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.setProperty("listeners",
                "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());

        // One node: every internal topic gets replication factor 1.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");

        // Topics come from kafka/topics.yaml only; consumers join without the 3 s default delay.
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.flush.interval.messages", "1");
        return props;
    }

    private static void format(Path logDir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the KRaft log folder " + logDir, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf(e, "Cannot delete the broker log folder %s; remove it by hand", root);
        }
    }
}
