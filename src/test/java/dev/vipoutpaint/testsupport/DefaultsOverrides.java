package dev.vipoutpaint.testsupport;

import dev.vipoutpaint.config.VipConfig;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** {@link VipConfig.Defaults} with the given sampling overrides and the shipped values for the rest. */
public final class DefaultsOverrides {

    private DefaultsOverrides() {
    }

    public static VipConfig.Defaults of(Optional<String> sampler, OptionalInt steps, OptionalDouble guidanceScale) {
        return new VipConfig.Defaults() {
            @Override
            public double expand() {
                return 0.25;
            }

            @Override
            public Optional<String> sampler() {
                return sampler;
            }

            @Override
            public OptionalInt steps() {
                return steps;
            }

            @Override
            public OptionalDouble guidanceScale() {
                return guidanceScale;
            }

            @Override
            public double strength() {
                return 1.0;
            }

            @Override
            public int numImages() {
                return 1;
            }

            @Override
            public String format() {
                return "png";
            }
        };
    }
}
