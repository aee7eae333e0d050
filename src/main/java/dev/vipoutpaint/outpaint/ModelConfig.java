package dev.vipoutpaint.outpaint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outpainting engine, under {@code vip.model}. */
@ConfigMapping(prefix = "vip.model")
public interface ModelConfig {

    /** Directory of the model bundle (model.json, tokenizer.json, *.pt), relative to the working directory or absolute. */
    @WithDefault("models/vip-tiny")
    String bundle();

    /**
     * DJL device: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. GPUs need a CUDA
     * libtorch, see docs/runtime.md.
     */
    @WithDefault("cpu")
    String device();

    /** Largest input and output canvas, in pixels (width × height); larger jobs fail with IMAGE_TOO_LARGE. */
    @WithDefault("16777216")
    long maxPixels();

    /** Largest number of denoising steps a job may request. */
    @WithDefault("150")
    int maxSteps();

    /** Largest number of images one job may request. */
    @WithDefault("4")
    int maxImages();
}
