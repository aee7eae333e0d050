package dev.vipoutpaint.outpaint;

import dev.vipoutpaint.config.VipConfig;

/**
 * Limits a {@link DiffusionOutpainter} enforces on every job. In the service they are the
 * {@code vip.limits.*} values the requests were validated against.
 *
 * @param maxPixels largest input and canvas, in pixels
 * @param maxSteps largest number of denoising steps
 * @param maxImages largest number of images per job
 */
public record OutpainterLimits(long maxPixels, int maxSteps, int maxImages) {

    /** The defaults of {@code vip.limits.*}: 2048 x 2048 pixels, 150 steps, 4 images. */
    public static final OutpainterLimits DEFAULTS = new OutpainterLimits(4_194_304L, 150, 4);

    public OutpainterLimits {
        if (maxPixels < 1 || maxSteps < 1 || maxImages < 1) {
            throw new IllegalArgumentException("vip.limits.max-pixels, max-steps and max-images must be at least 1, got "
                    + maxPixels + ", " + maxSteps + ", " + maxImages);
        }
    }

    static OutpainterLimits of(VipConfig.Limits limits) {
        return new OutpainterLimits(limits.maxPixels(), limits.maxSteps(), limits.maxImages());
    }
}
