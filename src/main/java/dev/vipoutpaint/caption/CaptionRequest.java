package dev.vipoutpaint.caption;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Input of one captioning call.
 *
 * @param image the known image (EXTRAPOLATE) or the full image (DESCRIBE), sRGB
 * @param mode what to describe
 * @param centerBox the center region in image pixels; required for DESCRIBE, null for EXTRAPOLATE
 * @param jobId the job this call serves, for log lines; null outside a job (CLI, tests)
 */
public record CaptionRequest(BufferedImage image, CaptionMode mode, Rectangle centerBox, String jobId) {

    public CaptionRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mode, "mode");
        if (mode == CaptionMode.DESCRIBE && centerBox == null) {
            throw new IllegalArgumentException("centerBox is required in DESCRIBE mode");
        }
    }

    /** Creates a request outside any job. */
    public CaptionRequest(BufferedImage image, CaptionMode mode, Rectangle centerBox) {
        this(image, mode, centerBox, null);
    }

    public static CaptionRequest extrapolate(BufferedImage image) {
        return new CaptionRequest(image, CaptionMode.EXTRAPOLATE, null, null);
    }

    /** Returns a copy of this request tagged with {@code jobId}. */
    public CaptionRequest withJobId(String jobId) {
        return new CaptionRequest(image, mode, centerBox, jobId);
    }
}
