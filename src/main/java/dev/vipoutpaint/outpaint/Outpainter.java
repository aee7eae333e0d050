package dev.vipoutpaint.outpaint;

/**
 * Port of the outpainting engine: canvas geometry, C-T-S diffusion and compositing for one job.
 *
 * <p>Not re-entrant per GPU slot: the worker stage calls it from one blocking worker thread per
 * slot. Implementations may keep per-thread DJL predictors.
 */
public interface Outpainter {

    /**
     * Extends {@code task.source()} onto the requested canvas.
     *
     * @param listener called after every denoising step on the calling thread; it may throw
     *     {@link OutpaintCancelledException} to stop between steps
     * @throws OutpaintException with a stable code ({@code INVALID_IMAGE}, {@code IMAGE_TOO_LARGE},
     *     {@code INVALID_REQUEST}, {@code MODEL_ERROR})
     */
    OutpaintResult outpaint(OutpaintTask task, StepListener listener);

    /** Name and version of the loaded model bundle, for completed events. */
    ModelInfo model();

    /** Sampler, steps and guidance scale the loaded bundle recommends, for requests that leave them out. */
    SamplingDefaults samplingDefaults();
}
