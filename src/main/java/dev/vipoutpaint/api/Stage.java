package dev.vipoutpaint.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The stage that wrote a progress or failed event; lower case on the wire. */
public enum Stage {
    GATEWAY,
    CAPTIONER,
    WORKER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
