package dev.vipoutpaint.diffusion;

/** What the UNet predicts, with diffusers' names. */
public enum PredictionType {
    /** The noise added to the clean latents. */
    EPSILON,
    /** {@code v = sqrt(alphā) · noise − sqrt(1 − alphā) · x0} (Salimans and Ho, 2022). */
    V_PREDICTION;

    public static PredictionType parse(String name) {
        return switch (name) {
            case "epsilon" -> EPSILON;
            case "v_prediction" -> V_PREDICTION;
            default -> throw new IllegalArgumentException(
                    "prediction_type must be 'epsilon' or 'v_prediction', got '" + name + "'");
        };
    }
}
