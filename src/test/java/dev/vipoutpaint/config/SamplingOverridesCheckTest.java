package dev.vipoutpaint.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.testsupport.DefaultsOverrides;
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
                DefaultsOverrides.of(Optional.empty(), OptionalInt.empty(), OptionalDouble.empty()), LIMITS))
                .doesNotThrowAnyException();
    }

    @Test
    void overridesWithinRangePass() {
        assertThatCode(() -> SamplingOverridesCheck.check(
                DefaultsOverrides.of(Optional.of("dpmpp_2m"), OptionalInt.of(50), OptionalDouble.of(7.5)), LIMITS))
                .doesNotThrowAnyException();
    }

    @Test
    void stepsAboveLimitAreRejected() {
        assertThatThrownBy(() -> SamplingOverridesCheck.check(
                DefaultsOverrides.of(Optional.empty(), OptionalInt.of(51), OptionalDouble.empty()), LIMITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vip.defaults.steps must be 1..50 (vip.limits.max-steps), got 51;"
                        + " leave it unset to use the bundle's");
    }

    @Test
    void unknownSamplerIsRejected() {
        assertThatThrownBy(() -> SamplingOverridesCheck.check(
                DefaultsOverrides.of(Optional.of("euler"), OptionalInt.empty(), OptionalDouble.empty()), LIMITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vip.defaults.sampler must be one of")
                .hasMessageContaining("got 'euler'");
    }

    @Test
    void guidanceBelowOneIsRejected() {
        assertThatThrownBy(() -> SamplingOverridesCheck.check(
                DefaultsOverrides.of(Optional.empty(), OptionalInt.empty(), OptionalDouble.of(0.5)), LIMITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vip.defaults.guidance-scale must be 1..30.0, got 0.5");
    }
}
