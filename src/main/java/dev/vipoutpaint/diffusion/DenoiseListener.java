package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;

/** Receives progress from the denoising loop, on the thread that runs it. */
public interface DenoiseListener {

    DenoiseListener NONE = (imageIndex, step, totalSteps) -> { };

    /**
     * Called after each denoising step. Throwing stops the run between steps; every tensor of
     * the run is freed on the way out.
     *
     * @param step finished steps, 1..totalSteps
     */
    void onStep(int imageIndex, int step, int totalSteps);

    /** Sees the latents after each step, {@code [1, C, h, w]}; valid only during the call. */
    default void onLatents(int imageIndex, int step, NDArray latents) {
    }
}
