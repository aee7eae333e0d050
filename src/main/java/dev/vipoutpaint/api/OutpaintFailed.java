package dev.vipoutpaint.api;

import java.time.Instant;

/**
 * Data of {@code dev.vipoutpaint.outpaint.failed.v1}.
 *
 * @param stage the stage that gave up
 * @param code stable error code
 * @param message what failed, on which value, and what to do
 * @param retryable whether sending the same request again can succeed
 */
public record OutpaintFailed(
        String jobId, Stage stage, ErrorCode code, String message, boolean retryable, Instant failedAt) {
}
