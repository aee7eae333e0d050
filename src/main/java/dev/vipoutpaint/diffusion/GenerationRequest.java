package dev.vipoutpaint.diffusion;

/**
 * One inpainting job at the working resolution.
 *
 * @param jobId for log lines
 * @param image the canvas, float32 {@code [3, height, width]} row-major, RGB in [-1, 1]
 * @param mask float32 {@code [height, width]}, 1 = generate, 0 = keep
 * @param width canvas width in pixels, a multiple of the bundle's {@code multiple_of}
 * @param height canvas height in pixels, a multiple of the bundle's {@code multiple_of}
 * @param prompts the texts
 * @param sampler the update rule
 * @param scheduler steps, spacing, offset and eta
 * @param guidanceScale classifier-free guidance scale; 1 runs the conditional half only
 * @param strength 1 starts from pure noise; below 1 from the image latents noised to the
 *     timestep at {@code (1 − strength) · steps}, as diffusers' inpainting pipeline does
 * @param seed seed of the first image's initial noise; image i uses {@code seed + i}
 * @param numImages images to generate
 */
public record GenerationRequest(
        String jobId,
        float[] image,
        float[] mask,
        int width,
        int height,
        TextPrompts prompts,
        SamplerKind sampler,
        SchedulerSettings scheduler,
        double guidanceScale,
        double strength,
        long seed,
        int numImages) {

    public GenerationRequest {
        if (image.length != 3 * width * height) {
            throw new IllegalArgumentException("image must hold 3x" + height + "x" + width + " values, got " + image.length);
        }
        if (mask.length != width * height) {
            throw new IllegalArgumentException("mask must hold " + height + "x" + width + " values, got " + mask.length);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
        }
        if (!(guidanceScale >= 0 && guidanceScale <= 100)) {
            throw new IllegalArgumentException("guidanceScale must be 0..100, got " + guidanceScale);
        }
        if (numImages < 1) {
            throw new IllegalArgumentException("numImages must be at least 1, got " + numImages);
        }
    }
}
