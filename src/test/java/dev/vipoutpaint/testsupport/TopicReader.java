package dev.vipoutpaint.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads whole topics from the beginning, without a consumer group, for assertions. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Returns the records of {@code topic} that match {@code filter}, polling until at least
     * {@code expected} match or {@code timeout} passes.
     */
    public static List<ConsumerRecord<String, byte[]>> read(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> matches = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadlineNanos = System.nanoTime() + timeout.toNanos();
            while (matches.size() < expected && System.nanoTime() - deadlineNanos < 0) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        matches.add(record);
                    }
                }
            }
        }
        return matches;
    }

    /** Returns the records of {@code topic} whose key is {@code jobId}. */
    public static List<ConsumerRecord<String, byte[]>> readJob(
            String bootstrapServers, String topic, String jobId, int expected, Duration timeout) {
        return read(bootstrapServers, topic, record -> jobId.equals(record.key()), expected, timeout);
    }
}
