package dev.vipoutpaint.outpaint;

/** Receives denoising progress; called on the thread that runs the job. */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (imageIndex, step, totalSteps) -> { };

    /**
     * @param imageIndex which of the requested images is being generated, from 0
     * @param step the number of finished steps, 1..totalSteps
     * @param totalSteps denoising steps per image
     */
    void onStep(int imageIndex, int step, int totalSteps);
}
