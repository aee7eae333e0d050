package dev.vipoutpaint.api;

import java.time.Instant;

/**
 * Data of {@code dev.vipoutpaint.outpaint.progress.v1}.
 *
 * @param stage the stage that reports
 * @param phase what happens now: {@code captioned}, {@code started}, {@code denoising},
 *     {@code storing}
 * @param imageIndex image being generated, from 0
 * @param numImages images in the job
 * @param step finished denoising steps of this image, 0..totalSteps
 * @param totalSteps denoising steps per image
 * @param percent progress of the whole job, 0..100
 */
public record OutpaintProgress(
        String jobId,
        Stage stage,
        String phase,
        int imageIndex,
        int numImages,
        int step,
        int totalSteps,
        double percent,
        Instant at) {
}
