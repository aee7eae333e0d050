package dev.vipoutpaint.testsupport;

import dev.vipoutpaint.api.EncodedEvent;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records the way an outside producer would, for tests. */
public final class EventProducer {

    private EventProducer() {
    }

    /** Writes {@code data} as a CloudEvent of {@code type} to {@code topic}, key = jobId. */
    public static void send(String bootstrapServers, String topic, EventType type, String jobId, Object data) {
        EncodedEvent event = EventCodec.encode(type, jobId, data, "/test-producer");
        sendRaw(bootstrapServers, topic, jobId, event.value(), event.headers());
    }

    /** Writes any bytes with any headers, for records that are no valid event. */
    public static void sendRaw(String bootstrapServers, String topic, String key, byte[] value, List<Header> headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the test record to " + topic, e);
        }
    }
}
