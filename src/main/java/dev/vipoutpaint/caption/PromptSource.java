package dev.vipoutpaint.caption;

import com.fasterxml.jackson.annotation.JsonValue;

/** Origin of a prompt part, written into completed events in lower case. */
public enum PromptSource {
    MLLM,
    HEURISTIC,
    USER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
