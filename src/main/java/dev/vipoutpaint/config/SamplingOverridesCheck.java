package dev.vipoutpaint.config;

import dev.vipoutpaint.stage.RequestValidator;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Checks at startup the operator's sampling overrides ({@code vip.defaults.sampler}, {@code steps},
 * {@code guidance-scale}), so a bad value stops the process with a message instead of failing
 * every job that leaves the field out.
 */
@ApplicationScoped
public class SamplingOverridesCheck {

    @Inject
    VipConfig config;

    void onStart(@Observes StartupEvent event) {
        check(config.defaults(), config.limits());
    }

    /**
     * Throws when a set override is outside what a request may ask for.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed range
     */
    static void check(VipConfig.Defaults overrides, VipConfig.Limits limits) {
        overrides.sampler().ifPresent(sampler -> {
            if (!RequestValidator.SAMPLERS.contains(sampler)) {
                throw new IllegalArgumentException("vip.defaults.sampler must be one of "
                        + RequestValidator.SAMPLERS + ", got '" + sampler + "'; leave it unset to use the bundle's");
            }
        });
        overrides.steps().ifPresent(steps -> {
            if (steps < 1 || steps > limits.maxSteps()) {
                throw new IllegalArgumentException("vip.defaults.steps must be 1.." + limits.maxSteps()
                        + " (vip.limits.max-steps), got " + steps + "; leave it unset to use the bundle's");
            }
        });
        overrides.guidanceScale().ifPresent(scale -> {
            if (!(scale >= 1.0 && scale <= RequestValidator.MAX_GUIDANCE_SCALE)) {
                throw new IllegalArgumentException("vip.defaults.guidance-scale must be 1.."
                        + RequestValidator.MAX_GUIDANCE_SCALE + ", got " + scale + "; leave it unset to use the bundle's");
            }
        });
    }
}
