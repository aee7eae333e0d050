package dev.vipoutpaint.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The Kafka side of local mode: the embedded broker with the topics of
 * {@code kafka/topics.yaml} (replication factor 1).
 */
public final class LocalCluster implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private LocalCluster(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker with its log folder under {@code workDir} and creates the topics.
     *
     * @param partitionsOverride when present, every topic gets this many partitions
     */
    public static LocalCluster start(Path workDir, Optional<Integer> partitionsOverride) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir);
        try {
            TopicCreator.createAll(broker.bootstrapServers(), TopicDefinitions.load(), (short) 1, partitionsOverride);
            return new LocalCluster(broker);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
    }
}
