package dev.vipoutpaint.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How user text combines with the automatic prompt; lower case on the wire. */
public enum PromptMode {
    /** User text is used alone. */
    REPLACE,
    /** User text is put before the automatic prompt. */
    EXTEND;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
