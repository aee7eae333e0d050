package dev.vipoutpaint.testsupport;

import dev.vipoutpaint.api.EncodedEvent;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to a topic as an external producer or a stage would, waiting for each ack. */
public final class EventWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public EventWriter(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes {@code data} as a CloudEvent of {@code type} in binary mode, key = jobId. */
    public void write(String topic, EventType type, String jobId, Object data) {
        EncodedEvent event = EventCodec.encode(type, jobId, data, "/vip-outpaint-test");
        send(new ProducerRecord<>(topic, null, event.key(), event.value(), event.headers()));
    }

    /** Writes raw bytes without CloudEvents headers, for records that are not events. */
    public void writeRaw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
