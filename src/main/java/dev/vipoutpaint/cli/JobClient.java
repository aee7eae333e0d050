package dev.vipoutpaint.cli;

import dev.vipoutpaint.api.CloudEventHeaders;
import dev.vipoutpaint.api.EncodedEvent;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.InvalidEventException;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintRequested;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer of requests that waits for the outcome, as any client system would: it writes a
 * requested event and reads the progress, completed and failed topics for its jobId.
 *
 * <p>The consumer is assigned every partition and positioned at the end before the request is
 * written, so no event of the job can be missed, and it joins no consumer group. Used from one
 * thread.
 */
final class JobClient implements AutoCloseable {

    static final String REQUESTED_TOPIC = "vip.outpaint.requested";
    static final String PROGRESS_TOPIC = "vip.outpaint.progress";
    static final String COMPLETED_TOPIC = "vip.outpaint.completed";
    static final String FAILED_TOPIC = "vip.outpaint.failed";

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String eventSource;

    JobClient(String bootstrapServers, String eventSource) {
        this.eventSource = eventSource;

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "vip-cli-producer");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "vip-cli-consumer");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Assigns the outcome topics' partitions and moves to their end.
     *
     * @throws IllegalStateException when a topic does not exist or the broker does not respond
     */
    void listen(Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(PROGRESS_TOPIC, COMPLETED_TOPIC, FAILED_TOPIC)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist; create the topics of kafka/topics.yaml");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the end offsets now, before the request is written.
        partitions.forEach(partition -> consumer.position(partition, timeout));
    }

    /** Writes the request and waits for the broker's acknowledgement. */
    void publish(OutpaintRequested request) {
        EncodedEvent event = EventCodec.encode(EventType.REQUESTED, request.jobId(), request, eventSource);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(REQUESTED_TOPIC, null, event.key(), event.value(), event.headers());
        try {
            producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("writing the request to " + REQUESTED_TOPIC + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the request", e);
        }
    }

    /**
     * Reads events of {@code jobId} until its completed or failed event arrives.
     *
     * @param onProgress called for each progress event of the job
     * @return empty when {@code timeout} passes first
     */
    Optional<JobOutcome> await(String jobId, Duration timeout, Consumer<OutpaintProgress> onProgress) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadlineNanos < 0) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (!jobId.equals(record.key())) {
                    continue;
                }
                Optional<JobOutcome> outcome = read(record, onProgress);
                if (outcome.isPresent()) {
                    return outcome;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<JobOutcome> read(ConsumerRecord<String, byte[]> record, Consumer<OutpaintProgress> onProgress) {
        CloudEventHeaders attributes;
        try {
            attributes = CloudEventHeaders.fromKafkaHeaders(record.headers());
        } catch (InvalidEventException e) {
            return Optional.empty();
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        switch (record.topic()) {
            case PROGRESS_TOPIC -> onProgress.accept(
                    EventCodec.decode(record.headers(), record.value(), EventType.PROGRESS, OutpaintProgress.class));
            case COMPLETED_TOPIC -> {
                return Optional.of(new JobOutcome(attributes, EventCodec.decode(record.headers(), record.value(),
                        EventType.COMPLETED, OutpaintCompleted.class), null, json));
            }
            case FAILED_TOPIC -> {
                return Optional.of(new JobOutcome(attributes, null, EventCodec.decode(record.headers(), record.value(),
                        EventType.FAILED, OutpaintFailed.class), json));
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
