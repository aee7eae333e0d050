package dev.vipoutpaint.api;

/**
 * Sampling options of a request; null fields take the configured or bundle defaults. In a
 * completed event every field is set to the value actually used.
 *
 * @param sampler {@code ddim} or {@code dpmpp_2m}
 * @param steps denoising steps per image
 * @param guidanceScale classifier-free guidance scale, 1 disables guidance
 * @param seed seed of the first image's initial noise; image i uses seed + i
 * @param numImages images to generate
 * @param strength 1 starts from pure noise
 */
public record SamplingOptions(
        String sampler,
        Integer steps,
        Double guidanceScale,
        Long seed,
        Integer numImages,
        Double strength) {

    public static final SamplingOptions DEFAULTS = new SamplingOptions(null, null, null, null, null, null);
}
