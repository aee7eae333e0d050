package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reads the event data of incoming Kafka messages. */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    /**
     * Decodes the CloudEvent in {@code message}.
     *
     * @throws InvalidEventException when the record is not an event of {@code type}
     */
    public static <T> T decode(Message<byte[]> message, EventType type, Class<T> dataClass) {
        Optional<IncomingKafkaRecordMetadata> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        var headers = metadata.map(m -> m.getHeaders()).orElseGet(RecordHeaders::new);
        return EventCodec.decode(headers, message.getPayload(), type, dataClass);
    }

    /** Returns where the record came from, {@code topic-partition@offset}, for log lines. */
    public static String position(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("unknown position");
    }

    /** Returns how long the record waited in its topic, from its timestamp until now. */
    public static Duration queueWait(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> Duration.between(m.getTimestamp(), Instant.now()))
                .filter(wait -> !wait.isNegative())
                .orElse(Duration.ZERO);
    }
}
