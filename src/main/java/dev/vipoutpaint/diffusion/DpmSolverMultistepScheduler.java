package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * DPM-Solver++ 2M (Lu et al., "DPM-Solver++: Fast Solver for Guided Sampling of Diffusion
 * Probabilistic Models", 2022) with the formulas of diffusers' {@code DPMSolverMultistepScheduler}
 * configured as {@code algorithm_type="dpmsolver++"}, {@code solver_order=2},
 * {@code solver_type="midpoint"}, {@code lower_order_final=True} and
 * {@code final_sigmas_type="zero"}: the first step and the last step are first order, and the
 * last step lands on sigma 0 (the predicted clean latents).
 */
public final class DpmSolverMultistepScheduler implements Scheduler {

    private final SchedulerSettings settings;
    private final int[] timesteps;
    /** sigma_i = sqrt((1 − alphā) / alphā) at each inference timestep, plus a final 0. */
    private final double[] sigmas;
    /** Keeps the previous step's x0 prediction alive between per-step managers. */
    private final NDManager historyManager;
    private NDArray previousX0;
    private int lowerOrderSteps;

    /**
     * @param parentManager the run's manager; the scheduler keeps one earlier model output in a
     *     child of it until {@link #close()}
     */
    public DpmSolverMultistepScheduler(NoiseSchedule schedule, SchedulerSettings settings, NDManager parentManager) {
        this(schedule, settings, parentManager, timestepsFor(schedule.numTrainTimesteps(), settings));
    }

    /** Runs over given descending timesteps instead of those the spacing picks. */
    DpmSolverMultistepScheduler(NoiseSchedule schedule, SchedulerSettings settings, NDManager parentManager,
            int[] timesteps) {
        settings.checkAgainst(schedule);
        this.settings = settings;
        this.timesteps = timesteps.clone();
        this.sigmas = new double[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) {
            double alphaProd = schedule.alphaCumprod(timesteps[i]);
            sigmas[i] = Math.sqrt((1 - alphaProd) / alphaProd);
        }
        this.historyManager = parentManager.newSubManager();
    }

    /**
     * DPMSolverMultistepScheduler.set_timesteps: {@code leading} and {@code linspace} split the
     * range into {@code steps + 1} points and drop the last (cleanest) one.
     */
    static int[] timestepsFor(int numTrain, SchedulerSettings settings) {
        int steps = settings.numInferenceSteps();
        int[] descending = new int[steps];
        switch (settings.spacing()) {
            case LINSPACE -> {
                double[] points = Timesteps.linspace(0, numTrain - 1, steps + 1);
                for (int i = 0; i < steps; i++) {
                    descending[i] = (int) Timesteps.roundHalfEven(points[steps - i]);
                }
            }
            case LEADING -> {
                int stepRatio = numTrain / (steps + 1);
                for (int i = 0; i < steps; i++) {
                    descending[i] = (steps - i) * stepRatio + settings.stepsOffset();
                }
            }
            case TRAILING -> {
                double stepRatio = (double) numTrain / steps;
                for (int i = 0; i < steps; i++) {
                    descending[i] = (int) Timesteps.roundHalfEven(numTrain - i * stepRatio) - 1;
                }
            }
            default -> throw new IllegalStateException("unhandled spacing " + settings.spacing());
        }
        return descending;
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public NDArray step(NDArray modelOutput, int stepIndex, NDArray sample, NoiseSource noise) {
        // 1. Convert the model output to a data prediction x0 (DPM-Solver++ works on x0).
        double sigmaS0 = sigmas[stepIndex];
        double alphaS0 = alphaOf(sigmaS0);
        double sigmaTermS0 = sigmaS0 * alphaS0;
        NDArray x0;
        if (settings.predictionType() == PredictionType.EPSILON) {
            x0 = sample.sub(modelOutput.mul(sigmaTermS0)).div(alphaS0);
        } else {
            x0 = sample.mul(alphaS0).sub(modelOutput.mul(sigmaTermS0));
        }

        // 2. The final step is always first order because it ends at sigma 0.
        boolean lastStep = stepIndex == timesteps.length - 1;
        NDArray next;
        if (previousX0 == null || lowerOrderSteps < 1 || lastStep) {
            next = firstOrderUpdate(x0, stepIndex, sample);
        } else {
            next = secondOrderUpdate(x0, previousX0, stepIndex, sample);
        }

        // 3. Keep this x0 for the next step and free the one before.
        NDArray x0ForNextStep = x0.duplicate();
        x0ForNextStep.attach(historyManager);
        if (previousX0 != null) {
            previousX0.close();
        }
        previousX0 = x0ForNextStep;
        lowerOrderSteps = Math.min(lowerOrderSteps + 1, 2);
        return next;
    }

    /** DPM-Solver++ first order, equation (5) of the paper: x_t = (σ_t/σ_s)·x_s − α_t·(e^{−h} − 1)·x0. */
    private NDArray firstOrderUpdate(NDArray x0, int stepIndex, NDArray sample) {
        double sigmaS = sigmas[stepIndex];
        double sigmaT = sigmas[stepIndex + 1];
        double alphaT = alphaOf(sigmaT);
        double h = lambdaOf(sigmaT) - lambdaOf(sigmaS);
        double sampleWeight = (sigmaT * alphaT) / (sigmaS * alphaOf(sigmaS));
        double x0Weight = -alphaT * Math.expm1(-h);
        return sample.mul(sampleWeight).add(x0.mul(x0Weight));
    }

    /** DPM-Solver++(2M) with the midpoint rule: D0 = m0, D1 = (m0 − m1) / r0, r0 = h_0 / h. */
    private NDArray secondOrderUpdate(NDArray m0, NDArray m1, int stepIndex, NDArray sample) {
        double sigmaS1 = sigmas[stepIndex - 1];
        double sigmaS0 = sigmas[stepIndex];
        double sigmaT = sigmas[stepIndex + 1];
        double alphaT = alphaOf(sigmaT);
        double lambdaT = lambdaOf(sigmaT);
        double lambdaS0 = lambdaOf(sigmaS0);
        double lambdaS1 = lambdaOf(sigmaS1);
        double h = lambdaT - lambdaS0;
        double h0 = lambdaS0 - lambdaS1;
        double r0 = h0 / h;

        NDArray d1 = m0.sub(m1).mul(1.0 / r0);
        double sampleWeight = (sigmaT * alphaT) / (sigmaS0 * alphaOf(sigmaS0));
        double dWeight = -alphaT * Math.expm1(-h);
        return sample.mul(sampleWeight).add(m0.mul(dWeight)).add(d1.mul(0.5 * dWeight));
    }

    @Override
    public NDArray addNoise(NDArray original, NDArray noise, int stepIndex) {
        double sigma = sigmas[stepIndex];
        double alpha = alphaOf(sigma);
        return original.mul(alpha).add(noise.mul(sigma * alpha));
    }

    @Override
    public void close() {
        historyManager.close();
        previousX0 = null;
    }

    /** alpha_t = 1 / sqrt(σ² + 1), diffusers' _sigma_to_alpha_sigma_t; σ_t there is σ · alpha_t. */
    private static double alphaOf(double sigma) {
        return 1.0 / Math.sqrt(sigma * sigma + 1.0);
    }

    /** lambda = log(alpha_t) − log(σ · alpha_t) = −log(σ); +∞ at σ = 0. */
    private static double lambdaOf(double sigma) {
        return -Math.log(sigma);
    }
}
