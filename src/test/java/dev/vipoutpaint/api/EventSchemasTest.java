package dev.vipoutpaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vipoutpaint.testsupport.EventSchemas;
import java.nio.file.Files;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIdMatchesDataSchemaHeader(EventType type) throws Exception {
        JsonNode schema = EventCodec.mapper().readTree(Files.readAllBytes(EventSchemas.SCHEMA_DIR.resolve(type.schemaFile())));

        assertThat(schema.path("$id").asText()).as("$id of %s", type.schemaFile()).isEqualTo(type.dataSchema());
        assertThat(schema.path("title").asText()).as("title of %s", type.schemaFile()).isEqualTo(type.type());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void encodedEventIsValidCloudEvent(EventType type) {
        EncodedEvent event = EventCodec.encode(type, "job-1", EventSamples.of(type, "job-1"), "/vip-outpaint/test");

        EventSchemas.assertValid(type, event.value());
        assertThat(event.key()).isEqualTo("job-1");
        CloudEventHeaders read = CloudEventHeaders.fromKafkaHeaders(new RecordHeaders(event.headers()));
        assertThat(read.type()).isEqualTo(type.type());
        assertThat(read.subject()).isEqualTo("job-1");
        assertThat(read.dataSchema()).isEqualTo(type.dataSchema());
        assertThat(read.source()).isEqualTo("/vip-outpaint/test");
        assertThat(new RecordHeaders(event.headers()).lastHeader("content-type").value())
                .asString().isEqualTo("application/json");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void decodeReturnsEncodedData(EventType type) {
        Object data = EventSamples.of(type, "job-2");
        EncodedEvent event = EventCodec.encode(type, "job-2", data, "/test");

        Object decoded = EventCodec.decode(new RecordHeaders(event.headers()), event.value(), type, type.dataClass());

        assertThat(decoded).isEqualTo(data);
    }

    @Test
    void schemaRejectsUnknownErrorCode() throws Exception {
        ObjectNode failed = (ObjectNode) EventCodec.mapper().valueToTree(EventSamples.failed("job-3"));
        failed.put("code", "OOPS");

        assertThat(EventSchemas.violations(EventType.FAILED, EventCodec.mapper().writeValueAsBytes(failed)))
                .as("violations of a failed event with code OOPS")
                .isNotEmpty();
    }

    @Test
    void schemaRejectsRequestWithoutSource() throws Exception {
        ObjectNode requested = (ObjectNode) EventCodec.mapper().valueToTree(EventSamples.requested("job-4"));
        requested.remove("source");

        assertThat(EventSchemas.violations(EventType.REQUESTED, EventCodec.mapper().writeValueAsBytes(requested)))
                .isNotEmpty();
    }

    @Test
    void decodeRejectsRecordWithoutCloudEventHeaders() {
        byte[] json = EventCodec.toJson(EventSamples.requested("job-5"));

        assertThatThrownBy(() -> EventCodec.decode(new RecordHeaders(), json, EventType.REQUESTED, OutpaintRequested.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void decodeRejectsOtherType() {
        EncodedEvent progress = EventCodec.encode(EventType.PROGRESS, "job-6", EventSamples.progress("job-6"), "/t");

        assertThatThrownBy(() -> EventCodec.decode(new RecordHeaders(progress.headers()), progress.value(),
                        EventType.REQUESTED, OutpaintRequested.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(EventType.PROGRESS.type());
    }
}
