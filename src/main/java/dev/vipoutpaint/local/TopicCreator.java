package dev.vipoutpaint.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of {@link TopicDefinitions} on a broker, skipping those that exist. */
public final class TopicCreator {

    private static final long TIMEOUT_SECONDS = 30;

    private TopicCreator() {
    }

    /**
     * Creates every topic with its partitions and config and the given replication factor.
     *
     * @param partitionsOverride when present, every topic gets this many partitions (tests use 1
     *     to keep the broker small)
     */
    public static void createAll(
            String bootstrapServers, TopicDefinitions definitions, short replicationFactor,
            Optional<Integer> partitionsOverride) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "vip-topic-creator");

        List<NewTopic> topics = definitions.topics().stream()
                .map(topic -> new NewTopic(
                                topic.name(), partitionsOverride.orElse(topic.partitions()), replicationFactor)
                        .configs(topic.config() == null ? Map.of() : topic.config()))
                .toList();

        try (Admin admin = Admin.create(props)) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                awaitCreated(entry.getKey(), entry.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "creating topic " + topic + " timed out after " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }
}
