package dev.vipoutpaint.diffusion;

/**
 * The training noise schedule: cumulative products of {@code alpha = 1 - beta} for every training
 * timestep, as diffusers' schedulers compute them.
 *
 * <p>{@code scaled_linear} is {@code linspace(sqrt(beta_start), sqrt(beta_end), N)^2} and
 * {@code linear} is {@code linspace(beta_start, beta_end, N)}, the definitions used by
 * diffusers' {@code DDIMScheduler} and {@code DPMSolverMultistepScheduler}.
 */
public final class NoiseSchedule {

    private final double[] alphasCumprod;

    private NoiseSchedule(double[] alphasCumprod) {
        this.alphasCumprod = alphasCumprod;
    }

    /**
     * Builds the schedule from the bundle's {@code noise_schedule} values.
     *
     * @throws IllegalArgumentException when a value is out of range or the schedule is unknown
     */
    public static NoiseSchedule of(String betaSchedule, double betaStart, double betaEnd, int numTrainTimesteps) {
        if (numTrainTimesteps < 2) {
            throw new IllegalArgumentException(
                    "num_train_timesteps must be at least 2, got " + numTrainTimesteps);
        }
        if (!(betaStart > 0 && betaStart < betaEnd && betaEnd < 1)) {
            throw new IllegalArgumentException("beta_start and beta_end must satisfy 0 < beta_start < beta_end < 1, got "
                    + betaStart + " and " + betaEnd);
        }

        double[] betas = switch (betaSchedule) {
            case "linear" -> Timesteps.linspace(betaStart, betaEnd, numTrainTimesteps);
            case "scaled_linear" -> squared(Timesteps.linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd), numTrainTimesteps));
            default -> throw new IllegalArgumentException(
                    "beta_schedule must be 'linear' or 'scaled_linear', got '" + betaSchedule + "'");
        };

        double[] cumprod = new double[numTrainTimesteps];
        double product = 1.0;
        for (int t = 0; t < numTrainTimesteps; t++) {
            product *= 1.0 - betas[t];
            cumprod[t] = product;
        }
        return new NoiseSchedule(cumprod);
    }

    /** The schedule Stable Diffusion 1.x was trained with (scaled_linear, 0.00085 to 0.012, 1000 steps). */
    public static NoiseSchedule stableDiffusion() {
        return of("scaled_linear", 0.00085, 0.012, 1000);
    }

    public int numTrainTimesteps() {
        return alphasCumprod.length;
    }

    /** {@code alphā_t}, the fraction of signal variance left at training timestep {@code t}. */
    public double alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    private static double[] squared(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * values[i];
        }
        return out;
    }
}
