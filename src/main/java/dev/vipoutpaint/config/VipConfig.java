package dev.vipoutpaint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Configuration of the stages and the CLI under {@code vip.*}: each group is its own
 * {@code @ConfigMapping}, so keys of other owners under {@code vip} (storage, model, caption) are
 * not claimed by this class. Every key is documented with its default and unit in
 * {@code application.properties}.
 */
@ApplicationScoped
public class VipConfig {

    /**
     * Roles this process runs: {@code all}, {@code none}, or a comma-separated list of
     * {@code gateway}, {@code captioner}, {@code worker}. The Kafka channels of the other roles
     * are disabled. Read it through {@link Roles#parse(String)}.
     */
    @ConfigProperty(name = Roles.KEY, defaultValue = "all")
    String roles;

    /** The {@code source} attribute of every CloudEvent this process writes. */
    @ConfigProperty(name = "vip.event-source", defaultValue = "/vip-outpaint")
    String eventSource;

    @Inject
    Jobs jobs;

    @Inject
    Prompts prompts;

    @Inject
    Limits limits;

    @Inject
    Defaults defaults;

    @Inject
    Worker worker;

    public String roles() {
        return roles;
    }

    public String eventSource() {
        return eventSource;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Prompts prompts() {
        return prompts;
    }

    public Limits limits() {
        return limits;
    }

    public Defaults defaults() {
        return defaults;
    }

    public Worker worker() {
        return worker;
    }

    /** Layout of a job's objects in the store. */
    @ConfigMapping(prefix = "vip.jobs")
    public interface Jobs {

        /** Prefix of the keys of uploaded inputs. */
        @WithName("input-prefix")
        @WithDefault("inputs/")
        String inputPrefix();

        /** Prefix of result keys; a job's results and result.json live under prefix + jobId. */
        @WithName("result-prefix")
        @WithDefault("results/")
        String resultPrefix();

        /**
         * Prefix of the job index: {@code <prefix><jobId>.json} names the job's result.json, so
         * the gateway finds jobs whose request set {@code output.keyPrefix}.
         */
        @WithName("index-prefix")
        @WithDefault("jobs/")
        String indexPrefix();
    }

    @ConfigMapping(prefix = "vip.prompts")
    public interface Prompts {

        /**
         * Text max length in tokens, start and end tokens included, used to trim prompts when no
         * tokenizer-based budget is deployed. 77 is the CLIP text encoder's length.
         */
        @WithName("text-max-length")
        @WithDefault("77")
        int textMaxLength();
    }

    /**
     * Limits of a request, and the only keys that set them. The gateway and the stages check them
     * when they validate a request, and the worker's engine enforces the same values.
     */
    @ConfigMapping(prefix = "vip.limits")
    public interface Limits {

        /** Max input image and output canvas size in pixels (width times height). */
        @WithName("max-pixels")
        @WithDefault("4194304")
        long maxPixels();

        /** Max denoising steps per image. */
        @WithName("max-steps")
        @WithDefault("150")
        int maxSteps();

        /** Max images per request. */
        @WithName("max-images")
        @WithDefault("4")
        int maxImages();

        /** Max size of a source image or mask object in bytes. */
        @WithName("max-input-bytes")
        @WithDefault("33554432")
        long maxInputBytes();
    }

    /**
     * Values used where a request leaves a field out. Sampler, steps and guidance scale are unset
     * by default: the worker then takes them from the loaded bundle's {@code model.json}
     * {@code defaults}, which were chosen for that model. Set them only to override every bundle.
     */
    @ConfigMapping(prefix = "vip.defaults")
    public interface Defaults {

        /** Expansion of each side as a fraction of the input size. */
        @WithDefault("0.25")
        double expand();

        /** Sampler override: {@code ddim} or {@code dpmpp_2m}. Unset means the bundle's. */
        Optional<String> sampler();

        /** Denoising steps per image, 1..{@code vip.limits.max-steps}. Unset means the bundle's. */
        OptionalInt steps();

        /** Classifier-free guidance scale, 1..30 (1 disables guidance). Unset means the bundle's. */
        @WithName("guidance-scale")
        OptionalDouble guidanceScale();

        /** 1 starts from pure noise; below 1 starts from noised image latents. */
        @WithDefault("1.0")
        double strength();

        @WithName("num-images")
        @WithDefault("1")
        int numImages();

        /** Output image format: png or jpeg. */
        @WithDefault("png")
        String format();
    }

    @ConfigMapping(prefix = "vip.worker")
    public interface Worker {

        /** GPU slots: jobs this worker runs at once, one Kafka consumer each. */
        @WithDefault("1")
        int slots();

        /** A progress event is written every this many denoising steps (and at the last one). */
        @WithName("progress-every-steps")
        @WithDefault("5")
        int progressEverySteps();

        /**
         * Max wall time of one job. It must stay below the prompted channel's
         * {@code throttled.unprocessed-record-max-age.ms}, or the connector reports the record
         * as stuck.
         */
        @WithName("job-timeout")
        @WithDefault("PT20M")
        Duration jobTimeout();

        /** On shutdown, how long the worker waits for running jobs to finish. */
        @WithName("drain-timeout")
        @WithDefault("PT5M")
        Duration drainTimeout();
    }
}
