package dev.vipoutpaint.diffusion;

/**
 * Settings a scheduler is built with for one run.
 *
 * @param numInferenceSteps denoising steps, 1..num_train_timesteps
 * @param spacing how the inference timesteps are spread over the training timesteps
 * @param stepsOffset added to every timestep with {@code leading} spacing (Stable Diffusion uses 1)
 * @param eta DDIM's noise weight, 0 (deterministic) to 1 (DDPM-like); ignored by DPM-Solver++
 * @param predictionType what the UNet predicts
 */
public record SchedulerSettings(
        int numInferenceSteps, TimestepSpacing spacing, int stepsOffset, double eta, PredictionType predictionType) {

    public SchedulerSettings {
        if (numInferenceSteps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + numInferenceSteps);
        }
        if (stepsOffset < 0) {
            throw new IllegalArgumentException("steps_offset must be 0 or more, got " + stepsOffset);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be 0..1, got " + eta);
        }
    }

    void checkAgainst(NoiseSchedule schedule) {
        if (numInferenceSteps > schedule.numTrainTimesteps()) {
            throw new IllegalArgumentException("steps must be 1.." + schedule.numTrainTimesteps()
                    + " (the training timesteps), got " + numInferenceSteps);
        }
    }
}
