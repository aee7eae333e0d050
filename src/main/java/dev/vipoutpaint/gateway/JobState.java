package dev.vipoutpaint.gateway;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle state of a job as the gateway derives it from the events, lower case in JSON. */
public enum JobState {
    /** The request event is written; no stage has reported yet. */
    QUEUED,
    /** The captioner has decided the prompts. */
    PROMPTED,
    /** The worker is generating. */
    RUNNING,
    COMPLETED,
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
