package dev.vipoutpaint.diffusion;

import java.util.Locale;

/**
 * How inference timesteps are picked from the training timesteps, with diffusers' names.
 *
 * <p>See table 2 of Lin et al., "Common Diffusion Noise Schedules and Sample Steps are Flawed"
 * (2023): {@code leading} and {@code linspace} never visit the last training timestep,
 * {@code trailing} does.
 */
public enum TimestepSpacing {
    LEADING,
    TRAILING,
    LINSPACE;

    /** Parses diffusers' spelling ({@code leading}, {@code trailing}, {@code linspace}). */
    public static TimestepSpacing parse(String name) {
        for (TimestepSpacing spacing : values()) {
            if (spacing.name().toLowerCase(Locale.ROOT).equals(name)) {
                return spacing;
            }
        }
        throw new IllegalArgumentException(
                "timestep_spacing must be 'leading', 'trailing' or 'linspace', got '" + name + "'");
    }
}
