package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.storage.ObjectRef;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a request once, before any work, against the configured limits. Each message names the
 * field, prints the value and gives the allowed range.
 */
public final class RequestValidator {

    /** Job ids become object key segments, so they are limited to safe characters. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    static final double MAX_SIDE_FRACTION = 4.0;
    public static final double MAX_GUIDANCE_SCALE = 30.0;
    static final int MAX_TEXT_CHARS = 1000;
    static final int MAX_KEYWORDS = 32;
    public static final Set<String> SAMPLERS = Set.of("ddim", "dpmpp_2m");
    static final Set<String> FORMATS = Set.of("png", "jpeg");

    private RequestValidator() {
    }

    /** Returns true when {@code jobId} can key events and results. */
    public static boolean isValidJobId(String jobId) {
        return jobId != null && JOB_ID.matcher(jobId).matches();
    }

    /**
     * Validates everything that does not need the image.
     *
     * @throws JobFailure with {@code INVALID_REQUEST}
     */
    public static void validate(OutpaintRequested request, VipConfig.Limits limits, String bucket) {
        if (!isValidJobId(request.jobId())) {
            throw invalid("jobId must be 1..128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, got '"
                    + request.jobId() + "'");
        }
        checkReference("source", request.source(), bucket, true);
        checkReference("mask", request.mask(), bucket, false);
        if (request.canvas() != null) {
            checkCanvas(request.canvas());
        }
        if (request.prompt() != null) {
            checkPrompt(request.prompt());
        }
        if (request.sampling() != null) {
            checkSampling(request.sampling(), limits);
        }
        if (request.output() != null && request.output().format() != null
                && !FORMATS.contains(request.output().format())) {
            throw invalid("output.format must be one of " + FORMATS + ", got '" + request.output().format() + "'");
        }
        if (request.output() != null && request.output().keyPrefix() != null) {
            String prefix = request.output().keyPrefix();
            if (prefix.startsWith("/") || prefix.contains("..") || prefix.length() > 256) {
                throw invalid("output.keyPrefix must be a relative key prefix without '..', at most 256 characters, got '"
                        + prefix + "'");
            }
        }
    }

    private static void checkReference(String field, String value, String bucket, boolean required) {
        if (value == null) {
            if (required) {
                throw invalid(field + " is missing; give the image as s3://" + bucket + "/<key>");
            }
            return;
        }
        ObjectRef ref;
        try {
            ref = ObjectRef.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
        if (!ref.bucket().equals(bucket)) {
            throw invalid(field + " must be in bucket '" + bucket + "', got '" + value + "'");
        }
    }

    private static void checkCanvas(CanvasOptions canvas) {
        if (canvas.isExplicit()) {
            if (canvas.width() == null || canvas.height() == null) {
                throw invalid("canvas.width and canvas.height must be given together, got width="
                        + canvas.width() + " height=" + canvas.height());
            }
            checkRange("canvas.width", canvas.width(), 8, 16384);
            checkRange("canvas.height", canvas.height(), 8, 16384);
            checkRange("canvas.offsetX", canvas.offsetX() == null ? 0 : canvas.offsetX(), 0, canvas.width());
            checkRange("canvas.offsetY", canvas.offsetY() == null ? 0 : canvas.offsetY(), 0, canvas.height());
            return;
        }

        double sum = 0;
        sum += checkFraction("canvas.left", canvas.left());
        sum += checkFraction("canvas.right", canvas.right());
        sum += checkFraction("canvas.top", canvas.top());
        sum += checkFraction("canvas.bottom", canvas.bottom());
        if (sum == 0) {
            throw invalid("canvas must expand at least one side by more than 0, got left=" + canvas.left()
                    + " right=" + canvas.right() + " top=" + canvas.top() + " bottom=" + canvas.bottom());
        }
    }

    private static double checkFraction(String field, Double value) {
        if (value == null) {
            return 0;
        }
        if (!(value >= 0 && value <= MAX_SIDE_FRACTION)) {
            throw invalid(field + " must be 0.." + MAX_SIDE_FRACTION + " (a fraction of the input size), got " + value);
        }
        return value;
    }

    private static void checkPrompt(PromptInput prompt) {
        checkText("prompt.center", prompt.center());
        checkText("prompt.surrounding", prompt.surrounding());
        checkText("prompt.negative", prompt.negative());
        if (prompt.keywords() != null) {
            if (prompt.keywords().size() > MAX_KEYWORDS) {
                throw invalid("prompt.keywords must have at most " + MAX_KEYWORDS + " entries, got "
                        + prompt.keywords().size());
            }
            for (String keyword : prompt.keywords()) {
                if (keyword == null || keyword.isBlank() || keyword.length() > 64) {
                    throw invalid("prompt.keywords entries must be 1..64 characters, got '" + keyword + "'");
                }
            }
        }
    }

    private static void checkText(String field, String text) {
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            throw invalid(field + " must be at most " + MAX_TEXT_CHARS + " characters, got " + text.length());
        }
    }

    private static void checkSampling(SamplingOptions sampling, VipConfig.Limits limits) {
        if (sampling.sampler() != null && !SAMPLERS.contains(sampling.sampler())) {
            throw invalid("sampling.sampler must be one of " + SAMPLERS + ", got '" + sampling.sampler() + "'");
        }
        if (sampling.steps() != null) {
            checkRange("sampling.steps", sampling.steps(), 1, limits.maxSteps());
        }
        if (sampling.numImages() != null) {
            checkRange("sampling.numImages", sampling.numImages(), 1, limits.maxImages());
        }
        if (sampling.guidanceScale() != null
                && !(sampling.guidanceScale() >= 1.0 && sampling.guidanceScale() <= MAX_GUIDANCE_SCALE)) {
            throw invalid("sampling.guidanceScale must be 1.." + MAX_GUIDANCE_SCALE + ", got " + sampling.guidanceScale());
        }
        if (sampling.strength() != null && !(sampling.strength() > 0 && sampling.strength() <= 1)) {
            throw invalid("sampling.strength must be in (0, 1], got " + sampling.strength());
        }
        if (sampling.seed() != null && sampling.seed() < 0) {
            throw invalid("sampling.seed must be 0 or more, got " + sampling.seed());
        }
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(field + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static JobFailure invalid(String message) {
        return new JobFailure(ErrorCode.INVALID_REQUEST, message);
    }
}
