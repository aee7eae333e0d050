package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * Per-job UNet inputs that stay the same at every step, already doubled for classifier-free
 * guidance (unconditional rows first) when guidance is on.
 *
 * @param eTotal total-prompt embeddings, {@code [G, L, D]}
 * @param eCenter center-prompt embeddings, {@code [G, L, D]}
 * @param eSurround surrounding-prompt embeddings, {@code [G, L, D]}
 * @param maskLatent the generation mask at latent resolution, {@code [G, 1, h, w]}, 1 = generate
 * @param maskedImageLatents latents of the canvas with the generated area set to 0, {@code [G, C, h, w]}
 * @param guided whether {@code G = 2} (guidance on) rather than 1
 */
record Conditioning(
        NDArray eTotal, NDArray eCenter, NDArray eSurround, NDArray maskLatent, NDArray maskedImageLatents,
        boolean guided) {
}
