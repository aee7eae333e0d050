package dev.vipoutpaint.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 attributes in Kafka binary mode: each attribute is a {@code ce_}-prefixed
 * header, and the record value is the event data ({@code application/json}).
 *
 * @param id unique per event; a re-published completion gets a new id
 * @param source the writer, a URI reference
 * @param type one of {@link EventType}
 * @param subject the job id, so consumers can filter without parsing the data
 * @param time when the event was written
 * @param dataSchema the schema id of the data
 */
public record CloudEventHeaders(
        String id, String source, String type, String subject, Instant time, String dataSchema) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    public static final String CE_DATASCHEMA = "ce_dataschema";
    /** The binary mode maps {@code datacontenttype} to the plain content-type header. */
    public static final String HEADER_CONTENT_TYPE = "content-type";

    /** Returns the Kafka headers of this event, {@code ce_specversion} first. */
    public List<Header> toKafkaHeaders() {
        List<Header> headers = new ArrayList<>(8);
        headers.add(header(CE_SPECVERSION, SPEC_VERSION));
        headers.add(header(CE_ID, id));
        headers.add(header(CE_SOURCE, source));
        headers.add(header(CE_TYPE, type));
        headers.add(header(CE_SUBJECT, subject));
        headers.add(header(CE_TIME, time.toString()));
        headers.add(header(CE_DATASCHEMA, dataSchema));
        headers.add(header(HEADER_CONTENT_TYPE, CONTENT_TYPE));
        return headers;
    }

    /**
     * Reads the attributes of a record.
     *
     * @throws InvalidEventException when a required attribute is missing or the spec version is
     *     not 1.0
     */
    public static CloudEventHeaders fromKafkaHeaders(Headers headers) {
        String specVersion = lastValue(headers, CE_SPECVERSION)
                .orElseThrow(() -> new InvalidEventException(
                        "record has no ce_specversion header; write CloudEvents 1.0 in binary mode"));
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEventException(
                    "ce_specversion must be 1.0, got '" + specVersion + "'");
        }
        String time = lastValue(headers, CE_TIME).orElse(null);
        Instant parsedTime;
        try {
            parsedTime = time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidEventException("ce_time must be an RFC 3339 time, got '" + time + "'");
        }
        return new CloudEventHeaders(
                required(headers, CE_ID),
                required(headers, CE_SOURCE),
                required(headers, CE_TYPE),
                lastValue(headers, CE_SUBJECT).orElse(null),
                parsedTime,
                lastValue(headers, CE_DATASCHEMA).orElse(null));
    }

    private static String required(Headers headers, String name) {
        return lastValue(headers, name)
                .orElseThrow(() -> new InvalidEventException("record has no " + name + " header"));
    }

    private static Optional<String> lastValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
