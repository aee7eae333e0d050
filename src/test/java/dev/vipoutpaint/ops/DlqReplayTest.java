package dev.vipoutpaint.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.local.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays records of a dead letter topic on a real single-node broker. */
class DlqReplayTest {

    private static final String DLQ = "vip.outpaint.prompted.dlq";
    private static final String TARGET = "vip.outpaint.prompted";

    @TempDir
    static Path workDir;

    private static LocalCluster cluster;

    @BeforeAll
    static void startBroker() {
        cluster = LocalCluster.start(workDir, Optional.of(1));
    }

    @AfterAll
    static void stopBroker() {
        cluster.close();
    }

    @Test
    void replayRestoresRecordsOnce() throws Exception {
        produceToDlq("job-1", "{\"a\":1}", TARGET);
        produceToDlq("job-2", "{\"a\":2}", TARGET);
        produceToDlq("job-3", "{\"a\":3}", null);
        DlqReplay.Options options = new DlqReplay.Options(cluster.bootstrapServers(), DLQ, "replay-once", 100, false);

        DlqReplay.Summary first = DlqReplay.replay(options);
        DlqReplay.Summary second = DlqReplay.replay(options);

        assertThat(first).as("first run").isEqualTo(new DlqReplay.Summary(2, 1));
        assertThat(second).as("second run, nothing new in the DLQ").isEqualTo(new DlqReplay.Summary(0, 0));
        List<ConsumerRecord<byte[], byte[]>> replayed = readAll(TARGET);
        assertThat(replayed).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("job-1", "job-2");
        assertThat(new String(replayed.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        for (ConsumerRecord<byte[], byte[]> record : replayed) {
            List<String> headerNames = new ArrayList<>();
            for (Header header : record.headers()) {
                headerNames.add(header.key());
            }
            assertThat(headerNames).as("headers of %s", new String(record.key(), StandardCharsets.UTF_8))
                    .containsExactly("ce_id", "ce_type");
        }
    }

    @Test
    void dryRunWritesAndCommitsNothing() throws Exception {
        String dlq = "vip.outpaint.requested.dlq";
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlq, bytes("job-9"), bytes("{}"));
            record.headers().add("dead-letter-topic", bytes("vip.outpaint.requested"));
            producer.send(record).get();
        }
        DlqReplay.Options dryRun = new DlqReplay.Options(cluster.bootstrapServers(), dlq, "replay-dry", 100, true);

        assertThat(DlqReplay.replay(dryRun)).isEqualTo(new DlqReplay.Summary(1, 0));
        assertThat(DlqReplay.replay(dryRun)).as("nothing committed, so the same record again")
                .isEqualTo(new DlqReplay.Summary(1, 0));
        assertThat(readAll("vip.outpaint.requested")).as("records on the target topic").isEmpty();
    }

    @Test
    void optionsRejectInvalidValues() {
        assertThatThrownBy(() -> DlqReplay.parse(new String[] {"--dlq-topic", "vip.outpaint.prompted"}))
                .hasMessageContaining("ending in .dlq, got vip.outpaint.prompted");
        assertThatThrownBy(() -> DlqReplay.parse(new String[] {"--dlq-topic", DLQ, "--max-records", "0"}))
                .hasMessageContaining("--max-records must be 1..1000000, got 0");
        assertThatThrownBy(() -> DlqReplay.parse(new String[] {"--bootstrap-servers", "h:1"}))
                .hasMessageContaining("--dlq-topic is missing");
        assertThatThrownBy(() -> DlqReplay.parse(new String[] {"--dlq-topic", DLQ, "--force"}))
                .hasMessageContaining("unknown option --force");
    }

    private static void produceToDlq(String key, String value, String targetTopic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(DLQ, bytes(key), bytes(value));
            record.headers().add("ce_id", bytes(key));
            record.headers().add("dead-letter-reason", bytes("not a prompted event, fix the producer"));
            record.headers().add("ce_type", bytes("dev.vipoutpaint.outpaint.prompted.v1"));
            if (targetTopic != null) {
                record.headers().add("dead-letter-topic", bytes(targetTopic));
            }
            record.headers().add("dead-letter-offset", bytes("7"));
            producer.send(record).get();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            for (int poll = 0; poll < 20 && consumer.position(partition) < end; poll++) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
