package dev.vipoutpaint.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of each event's data, for schema and codec tests. */
public final class EventSamples {

    private EventSamples() {
    }

    public static OutpaintRequested requested(String jobId) {
        return new OutpaintRequested(jobId, "s3://vip-outpaint/inputs/" + jobId + "/dune.jpg", null,
                CanvasOptions.expand(0.25, 0.25, 0.1, 0.0),
                new PromptInput("dune grass", null, List.of("sunset"), "blurry", PromptMode.EXTEND, null),
                new SamplingOptions("ddim", 10, 4.0, 7L, 1, null), OutputOptions.DEFAULTS, Instant.now());
    }

    public static UsedPrompts prompts() {
        return new UsedPrompts("dune grass", "sea and sky, sunset",
                "Center: dune grass; Surrounding: sea and sky, sunset", "blurry", "user", "heuristic");
    }

    public static OutpaintPrompted prompted(String jobId) {
        return new OutpaintPrompted(jobId, requested(jobId), prompts(), Map.of("caption", 12L), Instant.now());
    }

    public static OutpaintProgress progress(String jobId) {
        return new OutpaintProgress(jobId, Stage.WORKER, "denoising", 0, 1, 5, 10, 50.0, Instant.now());
    }

    public static OutpaintCompleted completed(String jobId) {
        return new OutpaintCompleted(jobId,
                List.of(new ResultImage("s3://vip-outpaint/results/" + jobId + "/image-0.png", null, 1200, 600,
                        "image/png")),
                "s3://vip-outpaint/results/" + jobId + "/result.json", 800, 500, 1200, 600, prompts(),
                new ModelRef("vip-tiny", "0.1.0"), new SamplingOptions("ddim", 10, 4.0, 7L, 1, 1.0),
                Map.of("worker", 900L), List.of(), Instant.now());
    }

    public static OutpaintFailed failed(String jobId) {
        return new OutpaintFailed(jobId, Stage.WORKER, ErrorCode.INVALID_IMAGE,
                "source s3://vip-outpaint/inputs/x is not a PNG, JPEG, GIF or BMP image", false, Instant.now());
    }

    public static Object of(EventType type, String jobId) {
        return switch (type) {
            case REQUESTED -> requested(jobId);
            case PROMPTED -> prompted(jobId);
            case PROGRESS -> progress(jobId);
            case COMPLETED -> completed(jobId);
            case FAILED -> failed(jobId);
        };
    }
}
