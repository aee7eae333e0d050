package dev.vipoutpaint.outpaint.stage;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.outpaint.CanvasSpec;
import dev.vipoutpaint.outpaint.SamplingDefaults;
import dev.vipoutpaint.outpaint.SamplingSpec;
import dev.vipoutpaint.stage.JobFailure;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Fills a request's missing options with the configured and the bundle's defaults. */
final class JobSettings {

    private JobSettings() {
    }

    /**
     * Returns every sampling option set. Each missing field takes the operator's override
     * ({@code vip.defaults.*}) if one is set, else the loaded bundle's default. A missing seed is
     * derived from the jobId, so a job that is computed again after a crash gives the same image.
     *
     * @throws JobFailure with {@code INVALID_REQUEST} when the default steps exceed {@code maxSteps}
     */
    static SamplingOptions resolveSampling(OutpaintRequested request, VipConfig.Defaults overrides,
            SamplingDefaults bundle, int maxSteps) {
        SamplingOptions given = request.sampling() == null ? SamplingOptions.DEFAULTS : request.sampling();
        long seed = given.seed() != null
                ? given.seed()
                : UUID.nameUUIDFromBytes(request.jobId().getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
                        & 0x7fff_ffffL;

        int steps = given.steps() != null ? given.steps() : overrides.steps().orElse(bundle.steps());
        if (given.steps() == null && steps > maxSteps) {
            String origin = overrides.steps().isPresent() ? "vip.defaults.steps" : "the bundle's model.json";
            throw new JobFailure(ErrorCode.INVALID_REQUEST, "the default of " + steps + " steps (from " + origin
                    + ") is above vip.limits.max-steps " + maxSteps + "; send sampling.steps 1.." + maxSteps);
        }
        return new SamplingOptions(
                given.sampler() != null ? given.sampler() : overrides.sampler().orElse(bundle.sampler()),
                steps,
                given.guidanceScale() != null ? given.guidanceScale() : overrides.guidanceScale().orElse(bundle.guidanceScale()),
                seed,
                given.numImages() != null ? given.numImages() : overrides.numImages(),
                given.strength() != null ? given.strength() : overrides.strength());
    }

    static SamplingSpec toSpec(SamplingOptions sampling) {
        return new SamplingSpec(sampling.sampler(), sampling.steps(), sampling.guidanceScale(), sampling.seed(),
                sampling.strength(), sampling.numImages());
    }

    static CanvasSpec resolveCanvas(CanvasOptions canvas, double defaultExpand) {
        if (canvas == null) {
            return CanvasSpec.expandEachSide(defaultExpand);
        }
        if (canvas.isExplicit()) {
            return CanvasSpec.explicit(canvas.width(), canvas.height(),
                    canvas.offsetX() == null ? 0 : canvas.offsetX(), canvas.offsetY() == null ? 0 : canvas.offsetY());
        }
        return CanvasSpec.expand(orZero(canvas.left()), orZero(canvas.right()), orZero(canvas.top()),
                orZero(canvas.bottom()));
    }

    /**
     * Checks the output canvas size against {@code maxPixels}.
     *
     * @throws JobFailure with {@code IMAGE_TOO_LARGE}
     */
    static void checkCanvasSize(CanvasSpec canvas, int inputWidth, int inputHeight, long maxPixels) {
        long width;
        long height;
        if (canvas.isExplicit()) {
            width = canvas.targetWidth();
            height = canvas.targetHeight();
        } else {
            width = Math.round(inputWidth * (1 + canvas.left() + canvas.right()));
            height = Math.round(inputHeight * (1 + canvas.top() + canvas.bottom()));
        }
        if (width * height > maxPixels) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE,
                    "output canvas " + width + "x" + height + " has " + width * height + " pixels, the limit is "
                            + maxPixels + " (vip.limits.max-pixels); expand less or send a smaller image");
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
