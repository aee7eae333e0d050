package dev.vipoutpaint.outpaint;

/** Thrown by a {@link StepListener} to stop a job between denoising steps. */
public class OutpaintCancelledException extends RuntimeException {

    public OutpaintCancelledException(String message) {
        super(message);
    }
}
