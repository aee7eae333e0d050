package dev.vipoutpaint.caption;

/**
 * Port of the captioning stage: turns pixels into space-aware prompts.
 *
 * <p>Implementations are thread-safe. They are called from a worker thread, never from the
 * Vert.x event loop, because they block (network calls or pixel statistics).
 */
public interface Captioner {

    /**
     * Describes the center and the surroundings of {@code request.image()}.
     *
     * @throws CaptionException when no usable caption can be produced; its code and
     *     {@code retryable()} decide whether the stage retries
     */
    Caption caption(CaptionRequest request);
}
