package dev.vipoutpaint.outpaint;

/**
 * Sampling values a model bundle recommends, used where neither the request nor the operator
 * sets them. They come from the {@code defaults} object of the bundle's {@code model.json}.
 *
 * @param sampler {@code ddim} or {@code dpmpp_2m}
 * @param steps denoising steps per image
 * @param guidanceScale classifier-free guidance scale, 1 disables guidance
 */
public record SamplingDefaults(String sampler, int steps, double guidanceScale) {
}
