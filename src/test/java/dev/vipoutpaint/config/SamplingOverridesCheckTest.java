package dev.vipoutpaint.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SamplingOverridesCheckTest {

    static final VipConfig.Limits LIMITS = new VipConfig.Limits() {
        @Override
        public long maxPixels() {
            return 4_194_304;
        }

        @Override
        public int maxSteps() {
            return 50;
        }

        @Override
        public int maxImages() {
            return 4;
        }

        @Override
        public long maxInputBytes() {
            return 1 << 20;
        }
    };

    @Test
    void unsetOverridesPass() {
        assertThatCode(() -> SamplingOverridesCheck.check(
                overrides(Optional.empty(), OptionalInt.empty(), OptionalDouble.empty()), LIMITS))
                .doesNotThrowAnyException();
    }

    @Test
    void overridesWithinRangePass() {
        assertThatCode(() -> SamplingOverridesCheck.check(
                overrides(Optional.of("dpmpp_2m"), OptionalInt.of(50), OptionalDouble.of(7.5)), LIMITS))
                .doesNotThrowAnyException();
    }

    @Test
    void stepsAboveLimitAreRejected() {
        assertThatThrownBy(() -> SamplingOverridesCheck.check(
                overrides(Optional.empty(), OptionalInt.of(51), OptionalDouble.empty()), LIMITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vip.defaults.steps must be 1..50 (vip.limits.max-steps), got 51;"
                        + " leave it unset to use the bundle's");
    }

    @Test
    void unknownSamplerIsRejected() {
        assertThatThrownBy(() -> SamplingOverridesCheck.check(
                overrides(Optional.of("euler"), OptionalInt.empty(), OptionalDouble.empty()), LIMITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vip.defaults.sampler must be one of")
                .hasMessageContaining("got 'euler'");
    }

    @Test
    void guidanceBelowOneIsRejected() {
        assertThatThrownBy(() -> SamplingOverridesCheck.check(
                overrides(Optional.empty(), OptionalInt.empty(), OptionalDouble.of(0.5)), LIMITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vip.defaults.guidance-scale must be 1..30.0, got 0.5");
    }

    static VipConfig.Defaults overrides(Optional<String> sampler, OptionalInt steps, OptionalDouble guidanceScale) {
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
