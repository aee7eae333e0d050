package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.SamplingOptions;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/outpaint} as JSON, and the {@code options} part of the multipart form.
 *
 * @param jobId idempotency key; the gateway generates a UUID when it is absent
 * @param source {@code s3://bucket/key} of the image; must be absent when the image is uploaded
 * @param mask optional {@code s3://bucket/key} of a mask, white = generate
 */
@Schema(name = "OutpaintSubmission", description = "An outpainting request. Every field but source is optional.")
public record OutpaintSubmission(
        @Schema(description = "Idempotency key, 1..128 of A-Z a-z 0-9 . _ -; generated when absent",
                examples = "holiday-0042")
        String jobId,
        @Schema(description = "s3://bucket/key of the source image; absent when the image is uploaded",
                examples = "s3://vip-outpaint/inputs/holiday-0042/source.jpg")
        String source,
        @Schema(description = "s3://bucket/key of a mask image, white = generate")
        String mask,
        CanvasOptions canvas,
        PromptInput prompt,
        SamplingOptions sampling,
        OutputOptions output) {

    /** Returns the options of a multipart upload where none were sent. */
    static OutpaintSubmission empty() {
        return new OutpaintSubmission(null, null, null, null, null, null, null);
    }

    OutpaintSubmission withJobId(String newJobId) {
        return new OutpaintSubmission(newJobId, source, mask, canvas, prompt, sampling, output);
    }

    OutpaintSubmission withImages(String newSource, String newMask) {
        return new OutpaintSubmission(jobId, newSource, newMask, canvas, prompt, sampling, output);
    }
}
