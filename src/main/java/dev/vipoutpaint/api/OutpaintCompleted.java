package dev.vipoutpaint.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Data of {@code dev.vipoutpaint.outpaint.completed.v1}; also the contents of the job's
 * {@code result.json} manifest, so a redelivered job re-publishes it unchanged.
 *
 * @param results the stored images, one per requested image
 * @param manifest {@code s3://} reference of this job's result.json
 * @param inputWidth source width in pixels
 * @param inputHeight source height in pixels
 * @param width output width in pixels
 * @param height output height in pixels
 * @param prompts prompts used, with their sources
 * @param sampling every sampling parameter actually used, seed included
 * @param timingsMillis wall time per stage and phase, in milliseconds
 * @param warnings notes for the user, empty when none
 */
public record OutpaintCompleted(
        String jobId,
        List<ResultImage> results,
        String manifest,
        int inputWidth,
        int inputHeight,
        int width,
        int height,
        UsedPrompts prompts,
        ModelRef model,
        SamplingOptions sampling,
        Map<String, Long> timingsMillis,
        List<String> warnings,
        Instant completedAt) {
}
