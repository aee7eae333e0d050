package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * A diffusion sampler's update rule for one run. Instances are stateful (multistep solvers keep
 * earlier model outputs), so a run creates its own and closes it at the end.
 */
public interface Scheduler extends AutoCloseable {

    /** Training timesteps visited, noisiest first. */
    int[] timesteps();

    /**
     * Computes the latents for the next step from the model output at {@code stepIndex}.
     *
     * @param modelOutput the guided UNet output, {@code [B, C, h, w]}
     * @param sample the current latents, {@code [B, C, h, w]}
     * @param noise source of fresh noise for stochastic samplers
     * @return the new latents, attached to {@code modelOutput}'s manager
     */
    NDArray step(NDArray modelOutput, int stepIndex, NDArray sample, NoiseSource noise);

    /**
     * Noises clean latents to the noise level of {@code timesteps()[stepIndex]}:
     * {@code sqrt(alphā_t) · original + sqrt(1 − alphā_t) · noise}.
     */
    NDArray addNoise(NDArray original, NDArray noise, int stepIndex);

    /** Releases tensors kept between steps. */
    @Override
    default void close() {
    }
}
