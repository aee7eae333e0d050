package dev.vipoutpaint.api;

import java.time.Instant;

/**
 * Data of {@code dev.vipoutpaint.outpaint.requested.v1}: one outpainting job.
 *
 * @param jobId the producer's idempotency key, 1..128 of {@code [A-Za-z0-9._-]}
 * @param source the input image, {@code s3://bucket/key} in the configured store
 * @param mask optional user mask, {@code s3://bucket/key}, white = generate
 * @param canvas the output canvas; null takes the configured expansion on every side
 * @param prompt user prompt input; null means automatic prompts only
 * @param sampling sampling options; null takes the defaults
 * @param output output options; null takes the defaults
 * @param requestedAt when the producer created the request
 */
public record OutpaintRequested(
        String jobId,
        String source,
        String mask,
        CanvasOptions canvas,
        PromptInput prompt,
        SamplingOptions sampling,
        OutputOptions output,
        Instant requestedAt) {
}
