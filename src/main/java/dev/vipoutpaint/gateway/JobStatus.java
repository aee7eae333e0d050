package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.ModelRef;
import dev.vipoutpaint.api.ResultImage;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.api.UsedPrompts;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code GET /v1/jobs/{id}} and the data of each server-sent event: the job as known after
 * the latest event. Fields that do not apply yet are null.
 *
 * @param stage the stage of the latest progress or failure
 * @param phase the latest progress phase, for example {@code denoising}
 * @param percent progress of the whole job, 0..100
 * @param step finished denoising steps of the current image
 * @param totalSteps denoising steps per image
 * @param prompts the prompts used, known once the captioner has run
 * @param results stored images with presigned URLs where the store supports them
 * @param width output width in pixels, once completed
 * @param height output height in pixels, once completed
 * @param error why the job failed, once failed
 * @param resultUrl the gateway URL that serves the first result image
 */
@Schema(name = "JobStatus")
public record JobStatus(
        String jobId,
        JobState status,
        Stage stage,
        String phase,
        Double percent,
        Integer step,
        Integer totalSteps,
        UsedPrompts prompts,
        List<ResultImage> results,
        Integer width,
        Integer height,
        ModelRef model,
        SamplingOptions sampling,
        JobError error,
        Instant updatedAt,
        String resultUrl) {

    /** Failure details copied from the job's failed event. */
    @Schema(name = "JobError")
    public record JobError(Stage stage, ErrorCode code, String message, boolean retryable) {
    }

    static JobStatus queued(String jobId, Instant at) {
        return new JobStatus(jobId, JobState.QUEUED, null, null, 0.0, null, null,
                null, List.of(), null, null, null, null, null, at, null);
    }
}
