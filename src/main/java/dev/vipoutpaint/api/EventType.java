package dev.vipoutpaint.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudEvents types of VIP Outpaint, each with its data class and its JSON Schema.
 *
 * <p>A schema file {@code kafka/schemas/<type>.json} has {@code $id} equal to
 * {@link #dataSchema()}, which events carry in their {@code ce_dataschema} header.
 */
public enum EventType {
    REQUESTED("dev.vipoutpaint.outpaint.requested.v1", OutpaintRequested.class),
    PROMPTED("dev.vipoutpaint.outpaint.prompted.v1", OutpaintPrompted.class),
    PROGRESS("dev.vipoutpaint.outpaint.progress.v1", OutpaintProgress.class),
    COMPLETED("dev.vipoutpaint.outpaint.completed.v1", OutpaintCompleted.class),
    FAILED("dev.vipoutpaint.outpaint.failed.v1", OutpaintFailed.class);

    /** Base of the schema ids; the ids are names, nothing is fetched from them. */
    public static final String SCHEMA_BASE = "https://vipoutpaint.dev/schemas/";

    private final String type;
    private final Class<?> dataClass;

    EventType(String type, Class<?> dataClass) {
        this.type = type;
        this.dataClass = dataClass;
    }

    /** Returns the {@code ce_type} value. */
    public String type() {
        return type;
    }

    public Class<?> dataClass() {
        return dataClass;
    }

    /** File name of the JSON Schema under {@code kafka/schemas/}. */
    public String schemaFile() {
        return type + ".json";
    }

    /** Returns the {@code ce_dataschema} value, which is also the schema's {@code $id}. */
    public String dataSchema() {
        return SCHEMA_BASE + schemaFile();
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
