package dev.vipoutpaint.outpaint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the outpainting engine, under {@code vip.model}. The engine's request limits are
 * {@code vip.limits.*} ({@link dev.vipoutpaint.config.VipConfig.Limits}), shared with the gateway.
 */
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
}
