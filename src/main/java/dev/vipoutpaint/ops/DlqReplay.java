package dev.vipoutpaint.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays dead-lettered records to the topic they failed on, for operators after the cause is
 * fixed. Each record keeps its key, value and headers, minus the {@code dead-letter-*} headers
 * that the SmallRye Kafka connector adds; its target topic is its {@code dead-letter-topic}
 * header. The consumer group remembers the replayed offsets, so a second run replays only
 * records that arrived since. The consumer assigns the partitions itself instead of joining
 * the group, so nothing else can take them over during a run.
 *
 * <pre>
 * java -cp "quarkus-app/app/*:quarkus-app/lib/main/*" dev.vipoutpaint.ops.DlqReplay \
 *     --bootstrap-servers vip-kafka-kafka-bootstrap:9092 --dlq-topic vip.outpaint.prompted.dlq
 * </pre>
 */
public final class DlqReplay {

    /** Header with the topic the record was read from when its stage failed it. */
    static final String TARGET_TOPIC_HEADER = "dead-letter-topic";

    static final String DEAD_LETTER_HEADER_PREFIX = "dead-letter-";

    /** Consecutive empty polls before a run that has not reached the end offsets gives up. */
    private static final int MAX_EMPTY_POLLS = 30;

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

    /** Outcome of one run: records produced, and records skipped because they name no target. */
    public record Summary(int replayed, int skipped) {
    }

    /**
     * Settings of one run.
     *
     * @param maxRecords upper bound on the records read in one run
     * @param dryRun when true, print what would be replayed and commit nothing
     */
    public record Options(String bootstrapServers, String dlqTopic, String groupId, int maxRecords, boolean dryRun) {

        public Options {
            if (!dlqTopic.endsWith(".dlq")) {
                throw new IllegalArgumentException("--dlq-topic must name a dead letter topic ending in .dlq, got " + dlqTopic);
            }
            if (maxRecords < 1 || maxRecords > 1_000_000) {
                throw new IllegalArgumentException("--max-records must be 1..1000000, got " + maxRecords);
            }
        }
    }

    private DlqReplay() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dlq-replay: " + e.getMessage());
            System.err.println("usage: DlqReplay --dlq-topic TOPIC [--bootstrap-servers HOST:PORT]"
                    + " [--group ID] [--max-records N] [--dry-run]");
            System.exit(2);
            return;
        }
        Summary summary = replay(options);
        System.out.printf("%s %d record(s) from %s, skipped %d without a %s header%n",
                options.dryRun() ? "would replay" : "replayed", summary.replayed(), options.dlqTopic(),
                summary.skipped(), TARGET_TOPIC_HEADER);
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>(Map.of(
                "--bootstrap-servers", "127.0.0.1:9092", "--group", "vip-dlq-replay", "--max-records", "10000"));
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--dry-run")) {
                dryRun = true;
            } else if (List.of("--bootstrap-servers", "--dlq-topic", "--group", "--max-records").contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (!values.containsKey("--dlq-topic")) {
            throw new IllegalArgumentException("--dlq-topic is missing");
        }
        int maxRecords;
        try {
            maxRecords = Integer.parseInt(values.get("--max-records"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-records must be a number, got " + values.get("--max-records"));
        }
        return new Options(values.get("--bootstrap-servers"), values.get("--dlq-topic"), values.get("--group"),
                maxRecords, dryRun);
    }

    /**
     * Reads the dead letter topic from the group's committed position (or its start) to its
     * end, produces every record that names its target topic, then commits the read offsets.
     */
    public static Summary replay(Options options) throws InterruptedException, ExecutionException {
        int replayed = 0;
        int skipped = 0;
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(options));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(options))) {
            Map<TopicPartition, Long> endOffsets = assignFromCommitted(consumer, options.dlqTopic());

            int read = 0;
            int emptyPolls = 0;
            while (read < options.maxRecords() && !reachedEnd(consumer, endOffsets)) {
                var records = consumer.poll(POLL_TIMEOUT);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                if (emptyPolls == MAX_EMPTY_POLLS) {
                    throw new IllegalStateException("no record arrived from " + options.dlqTopic() + " for "
                            + POLL_TIMEOUT.multipliedBy(MAX_EMPTY_POLLS).toSeconds() + " s before its end offsets "
                            + endOffsets + "; nothing was committed, run again");
                }

                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (read == options.maxRecords()) {
                        break;
                    }
                    read++;
                    nextOffsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));

                    Header target = record.headers().lastHeader(TARGET_TOPIC_HEADER);
                    if (target == null) {
                        skipped++;
                        System.err.printf("skipped %s-%d@%d: no %s header%n", record.topic(), record.partition(),
                                record.offset(), TARGET_TOPIC_HEADER);
                        continue;
                    }
                    String targetTopic = new String(target.value(), StandardCharsets.UTF_8);
                    if (!options.dryRun()) {
                        producer.send(new ProducerRecord<>(targetTopic, null, record.key(), record.value(),
                                withoutDeadLetterHeaders(record))).get();
                    }
                    replayed++;
                }
            }

            // Offsets are committed only after every replayed record was acknowledged, so a
            // failed run replays its records again instead of losing them.
            if (!options.dryRun() && !nextOffsets.isEmpty()) {
                producer.flush();
                consumer.commitSync(nextOffsets);
            }
        }
        return new Summary(replayed, skipped);
    }

    /**
     * Assigns every partition of the topic, positioned at the group's committed offset or at
     * the start, and returns the end offsets at this moment. The run stops there, so records
     * that arrive while it runs wait for the next run.
     */
    private static Map<TopicPartition, Long> assignFromCommitted(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " not found; check --dlq-topic");
        }
        consumer.assign(partitions);

        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
        return consumer.endOffsets(partitions);
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static Properties consumerProperties(Options options) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private static Properties producerProperties(Options options) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }
}
