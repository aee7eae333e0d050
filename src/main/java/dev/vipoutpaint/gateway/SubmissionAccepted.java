package dev.vipoutpaint.gateway;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of the 202 response to {@code POST /v1/outpaint}. */
@Schema(name = "SubmissionAccepted")
public record SubmissionAccepted(
        String jobId,
        @Schema(description = "Always queued: the request event is on the requested topic")
        JobState status,
        @Schema(description = "s3:// reference of the source image the job reads")
        String source,
        String statusUrl,
        String eventsUrl,
        String resultUrl) {
}
