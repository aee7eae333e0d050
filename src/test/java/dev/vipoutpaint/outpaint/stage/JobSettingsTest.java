package dev.vipoutpaint.outpaint.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventSamples;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.outpaint.SamplingDefaults;
import dev.vipoutpaint.stage.JobFailure;
import dev.vipoutpaint.testsupport.DefaultsOverrides;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    static final SamplingDefaults BUNDLE = new SamplingDefaults("dpmpp_2m", 30, 5.0);

    @Test
    void missingValuesTakeBundleDefaults() {
        SamplingOptions resolved = JobSettings.resolveSampling(request(SamplingOptions.DEFAULTS),
                DefaultsOverrides.of(Optional.empty(), OptionalInt.empty(), OptionalDouble.empty()), BUNDLE, 150);

        assertThat(resolved.sampler()).isEqualTo("dpmpp_2m");
        assertThat(resolved.steps()).isEqualTo(30);
        assertThat(resolved.guidanceScale()).isEqualTo(5.0);
        assertThat(resolved.numImages()).isEqualTo(1);
        assertThat(resolved.seed()).as("seed derived from the jobId").isNotNull();
    }

    @Test
    void operatorOverridesBeatTheBundle() {
        SamplingOptions resolved = JobSettings.resolveSampling(request(SamplingOptions.DEFAULTS),
                DefaultsOverrides.of(Optional.of("ddim"), OptionalInt.of(12), OptionalDouble.of(3.0)), BUNDLE, 150);

        assertThat(resolved.sampler()).isEqualTo("ddim");
        assertThat(resolved.steps()).isEqualTo(12);
        assertThat(resolved.guidanceScale()).isEqualTo(3.0);
    }

    @Test
    void requestValuesBeatOverridesAndBundle() {
        SamplingOptions resolved = JobSettings.resolveSampling(
                request(new SamplingOptions("dpmpp_2m", 7, 1.0, 3L, 2, 0.5)),
                DefaultsOverrides.of(Optional.of("ddim"), OptionalInt.of(12), OptionalDouble.of(3.0)), BUNDLE, 150);

        assertThat(resolved).isEqualTo(new SamplingOptions("dpmpp_2m", 7, 1.0, 3L, 2, 0.5));
    }

    @Test
    void bundleStepsAboveLimitFail() {
        assertThatThrownBy(() -> JobSettings.resolveSampling(request(SamplingOptions.DEFAULTS),
                DefaultsOverrides.of(Optional.empty(), OptionalInt.empty(), OptionalDouble.empty()), BUNDLE, 20))
                .isInstanceOf(JobFailure.class)
                .hasMessage("the default of 30 steps (from the bundle's model.json) is above vip.limits.max-steps 20;"
                        + " send sampling.steps 1..20")
                .extracting(failure -> ((JobFailure) failure).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    static OutpaintRequested request(SamplingOptions sampling) {
        OutpaintRequested sample = EventSamples.requested("settings-1");
        return new OutpaintRequested(sample.jobId(), sample.source(), sample.mask(), sample.canvas(), sample.prompt(),
                sampling, sample.output(), sample.requestedAt());
    }
}
