package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * DDIM (Song et al., "Denoising Diffusion Implicit Models", 2021) with the formulas of diffusers'
 * {@code DDIMScheduler}: no sample clipping, no thresholding, and {@code set_alpha_to_one = false}
 * (the last step steps to {@code alphā_0}) as in Stable Diffusion's scheduler configuration.
 */
public final class DdimScheduler implements Scheduler {

    private final NoiseSchedule schedule;
    private final SchedulerSettings settings;
    private final int[] timesteps;

    public DdimScheduler(NoiseSchedule schedule, SchedulerSettings settings) {
        settings.checkAgainst(schedule);
        this.schedule = schedule;
        this.settings = settings;
        this.timesteps = timestepsFor(schedule.numTrainTimesteps(), settings);
    }

    /** DDIMScheduler.set_timesteps for each spacing. */
    static int[] timestepsFor(int numTrain, SchedulerSettings settings) {
        int steps = settings.numInferenceSteps();
        int[] ascending = new int[steps];
        switch (settings.spacing()) {
            case LINSPACE -> {
                double[] points = Timesteps.linspace(0, numTrain - 1, steps);
                for (int i = 0; i < steps; i++) {
                    ascending[i] = (int) Timesteps.roundHalfEven(points[i]);
                }
            }
            case LEADING -> {
                int stepRatio = numTrain / steps;
                for (int i = 0; i < steps; i++) {
                    ascending[i] = i * stepRatio + settings.stepsOffset();
                }
            }
            case TRAILING -> {
                // np.round(np.arange(N, 0, -N / steps)) - 1, listed noisiest first already
                double stepRatio = (double) numTrain / steps;
                int[] descending = new int[steps];
                for (int i = 0; i < steps; i++) {
                    descending[i] = (int) Timesteps.roundHalfEven(numTrain - i * stepRatio) - 1;
                }
                return descending;
            }
            default -> throw new IllegalStateException("unhandled spacing " + settings.spacing());
        }
        return Timesteps.reversed(ascending);
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public NDArray step(NDArray modelOutput, int stepIndex, NDArray sample, NoiseSource noise) {
        // 1. Previous timestep: diffusers always steps back by N / steps, whatever the spacing.
        int t = timesteps[stepIndex];
        int prevT = t - schedule.numTrainTimesteps() / settings.numInferenceSteps();

        // 2. alphā_t and alphā_{t-1}; before timestep 0 the final value is alphā_0.
        double alphaProdT = schedule.alphaCumprod(t);
        double alphaProdTPrev = schedule.alphaCumprod(Math.max(prevT, 0));
        double betaProdT = 1 - alphaProdT;
        double betaProdTPrev = 1 - alphaProdTPrev;

        // 3. Predicted x0 and predicted noise, formula (12) of the DDIM paper.
        NDArray predOriginal;
        NDArray predEpsilon;
        if (settings.predictionType() == PredictionType.EPSILON) {
            predOriginal = sample.sub(modelOutput.mul(Math.sqrt(betaProdT))).div(Math.sqrt(alphaProdT));
            predEpsilon = modelOutput;
        } else {
            predOriginal = sample.mul(Math.sqrt(alphaProdT)).sub(modelOutput.mul(Math.sqrt(betaProdT)));
            predEpsilon = modelOutput.mul(Math.sqrt(alphaProdT)).add(sample.mul(Math.sqrt(betaProdT)));
        }

        // 4. sigma_t, formula (16): eta · sqrt((1 − alphā_{t-1}) / (1 − alphā_t)) · sqrt(1 − alphā_t / alphā_{t-1})
        double variance = (betaProdTPrev / betaProdT) * (1 - alphaProdT / alphaProdTPrev);
        double stdDevT = settings.eta() * Math.sqrt(variance);

        // 5. Direction pointing to x_t and x_{t-1} without the random part, formula (12).
        NDArray direction = predEpsilon.mul(Math.sqrt(1 - alphaProdTPrev - stdDevT * stdDevT));
        NDArray prevSample = predOriginal.mul(Math.sqrt(alphaProdTPrev)).add(direction);

        // 6. Random part, only when eta > 0.
        if (stdDevT > 0) {
            NDArray varianceNoise = noise.gaussian(modelOutput.getManager(), modelOutput.getShape());
            prevSample = prevSample.add(varianceNoise.mul(stdDevT));
        }
        return prevSample;
    }

    @Override
    public NDArray addNoise(NDArray original, NDArray noise, int stepIndex) {
        double alphaProd = schedule.alphaCumprod(timesteps[stepIndex]);
        return original.mul(Math.sqrt(alphaProd)).add(noise.mul(Math.sqrt(1 - alphaProd)));
    }
}
