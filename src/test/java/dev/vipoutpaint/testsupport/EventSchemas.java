package dev.vipoutpaint.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Validates event data against the schemas in {@code kafka/schemas/}, read from the source tree. */
public final class EventSchemas {

    public static final Path SCHEMA_DIR = Path.of("kafka", "schemas");

    private static final Map<EventType, JsonSchema> SCHEMAS = new EnumMap<>(EventType.class);

    private EventSchemas() {
    }

    /** Returns the parsed schema file of {@code type}. */
    public static synchronized JsonSchema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            try (InputStream in = Files.newInputStream(SCHEMA_DIR.resolve(t.schemaFile()))) {
                return factory.getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Returns the violations of {@code json} against the schema of {@code type}; empty when valid. */
    public static Set<ValidationMessage> violations(EventType type, byte[] json) {
        try {
            JsonNode node = EventCodec.mapper().readTree(json);
            return schema(type).validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code json} is valid data of {@code type}. */
    public static void assertValid(EventType type, byte[] json) {
        assertThat(violations(type, json))
                .as("%s data %s", type.type(), new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .isEmpty();
    }
}
