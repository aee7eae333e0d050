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
 */
public record CaptionRequest(BufferedImage image, CaptionMode mode, Rectangle centerBox) {

    public CaptionRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mode, "mode");
        if (mode == CaptionMode.DESCRIBE && centerBox == null) {
            throw new IllegalArgumentException("centerBox is required in DESCRIBE mode");
        }
    }

    public static CaptionRequest extrapolate(BufferedImage image) {
        return new CaptionRequest(image, CaptionMode.EXTRAPOLATE, null);
    }
}
