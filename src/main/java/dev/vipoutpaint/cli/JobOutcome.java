package dev.vipoutpaint.cli;

import dev.vipoutpaint.api.CloudEventHeaders;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;

/**
 * How a job ended: exactly one of {@code completed} and {@code failed} is set.
 *
 * @param attributes the CloudEvents attributes of the final event
 * @param json the final event's data as it was on the topic
 */
record JobOutcome(CloudEventHeaders attributes, OutpaintCompleted completed, OutpaintFailed failed, String json) {

    boolean isCompleted() {
        return completed != null;
    }
}
