package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.Stage;
import java.time.Instant;

/** Builds failed events from the exceptions stages catch. */
public final class Failures {

    private Failures() {
    }

    public static OutpaintFailed of(String jobId, Stage stage, JobFailure failure) {
        return new OutpaintFailed(jobId, stage, failure.code(), failure.getMessage(), failure.retryable(), Instant.now());
    }

    public static OutpaintFailed of(String jobId, Stage stage, ErrorCode code, String message, boolean retryable) {
        return new OutpaintFailed(jobId, stage, code, message, retryable, Instant.now());
    }
}
