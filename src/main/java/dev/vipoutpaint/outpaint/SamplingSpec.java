package dev.vipoutpaint.outpaint;

/**
 * Sampling options of one job, with defaults already applied and limits checked.
 *
 * @param sampler {@code ddim} or {@code dpmpp_2m}
 * @param steps denoising steps per image
 * @param guidanceScale classifier-free guidance scale, 1 disables guidance
 * @param seed seed of the initial noise of the first image; image i uses {@code seed + i}
 * @param strength 1 starts from pure noise; below 1 starts from noised image latents
 * @param numImages how many images to generate
 */
public record SamplingSpec(
        String sampler, int steps, double guidanceScale, long seed, double strength, int numImages) {
}
