package dev.vipoutpaint.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * Writes and reads the events of {@link EventType} as CloudEvents in Kafka binary mode.
 *
 * <p>Thread-safe. The mapper is private to the wire format, so REST or framework settings never
 * change what goes on the topics.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventCodec() {
    }

    /** Returns the mapper of the wire format, for tests and tools that print events. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Encodes {@code data} as an event of {@code type} for job {@code jobId}. */
    public static EncodedEvent encode(EventType type, String jobId, Object data, String source) {
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(
                    type.type() + " carries " + type.dataClass().getSimpleName()
                            + ", got " + data.getClass().getSimpleName());
        }
        CloudEventHeaders attributes = new CloudEventHeaders(
                UUID.randomUUID().toString(), source, type.type(), jobId, Instant.now(),
                type.dataSchema());
        return new EncodedEvent(jobId, toJson(data), attributes.toKafkaHeaders(), attributes);
    }

    /**
     * Decodes a record that must be an event of {@code expected}.
     *
     * @throws InvalidEventException naming what is wrong: missing headers, another type, or data
     *     that is not JSON of the expected shape
     */
    public static <T> T decode(Headers headers, byte[] value, EventType expected, Class<T> dataClass) {
        CloudEventHeaders attributes = CloudEventHeaders.fromKafkaHeaders(headers);
        if (!expected.type().equals(attributes.type())) {
            throw new InvalidEventException(
                    "expected ce_type " + expected.type() + ", got '" + attributes.type() + "'");
        }
        return fromJson(value, dataClass);
    }

    public static byte[] toJson(Object data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T fromJson(byte[] json, Class<T> dataClass) {
        if (json == null) {
            throw new InvalidEventException("record has no value; expected JSON " + dataClass.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, dataClass);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "record value is not JSON " + dataClass.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidEventException("cannot read record value: " + e.getMessage(), e);
        }
    }
}
