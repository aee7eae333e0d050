package dev.vipoutpaint.outpaint;

/**
 * Limits a {@link DiffusionOutpainter} enforces on every job.
 *
 * @param maxPixels largest input and canvas, in pixels
 * @param maxSteps largest number of denoising steps
 * @param maxImages largest number of images per job
 */
public record OutpainterLimits(long maxPixels, int maxSteps, int maxImages) {

    public static final OutpainterLimits DEFAULTS = new OutpainterLimits(16_777_216L, 150, 4);

    public OutpainterLimits {
        if (maxPixels < 1 || maxSteps < 1 || maxImages < 1) {
            throw new IllegalArgumentException("vip.model.max-pixels, max-steps and max-images must be at least 1, got "
                    + maxPixels + ", " + maxSteps + ", " + maxImages);
        }
    }

    static OutpainterLimits of(ModelConfig config) {
        return new OutpainterLimits(config.maxPixels(), config.maxSteps(), config.maxImages());
    }
}
