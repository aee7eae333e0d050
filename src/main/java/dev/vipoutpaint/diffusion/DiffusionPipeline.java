package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Inpainting with the C-T-S UNet and classifier-free guidance, following the Stable Diffusion
 * inpainting pipeline: encode prompts and the masked canvas, denoise from seeded noise, decode.
 *
 * <p>Memory: a job's constant tensors live in a job manager, each image's latents in a run
 * manager and everything a step computes in a step manager that is closed before the next step,
 * so native memory does not grow with the number of steps or jobs. Not thread-confined: each
 * thread uses its own predictors.
 */
public final class DiffusionPipeline {

    private static final Logger LOG = Logger.getLogger(DiffusionPipeline.class);

    private final ModelBundle bundle;

    public DiffusionPipeline(ModelBundle bundle) {
        this.bundle = bundle;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Generates {@code request.numImages()} images.
     *
     * @throws IllegalArgumentException for sizes or settings the bundle cannot run
     * @throws RuntimeException whatever {@code listener} throws to cancel
     */
    public Generation generate(GenerationRequest request, DenoiseListener listener) {
        BundleConfig config = bundle.config();
        checkSize(request, config);
        int startIndex = startIndex(request.scheduler().numInferenceSteps(), request.strength());
        List<String> warnings = unknownWordWarnings(request.prompts());
        Map<String, Long> timings = new LinkedHashMap<>();

        try (NDManager job = bundle.newManager()) {
            // 1. Encode prompts, the masked canvas and, below full strength, the canvas itself.
            long started = System.nanoTime();
            boolean guided = request.guidanceScale() != 1.0;
            NDArray imageNd = job.create(request.image(), new Shape(1, 3, request.height(), request.width()));
            NDArray maskNd = job.create(binarized(request.mask()), new Shape(1, 1, request.height(), request.width()));
            Conditioning conditioning = condition(job, request.prompts(), imageNd, maskNd, guided);
            NDArray imageLatents = request.strength() < 1 ? encodeImage(imageNd, job) : null;
            timings.put("encode", millisSince(started));

            // 2. Denoise and decode each image from its own seed.
            List<float[]> images = new ArrayList<>();
            long denoiseNanos = 0;
            long decodeNanos = 0;
            Shape latentShape = new Shape(1, config.latentChannels(),
                    request.height() / config.downsampleFactor(), request.width() / config.downsampleFactor());
            for (int i = 0; i < request.numImages(); i++) {
                try (NDManager run = job.newSubManager()) {
                    NoiseSource noise = new NoiseSource(request.seed() + i);
                    NDArray initialNoise = noise.gaussian(run, latentShape);

                    long denoiseStarted = System.nanoTime();
                    NDArray latents;
                    try (Scheduler scheduler = request.sampler().create(config.schedule(), request.scheduler(), run)) {
                        latents = denoise(run, scheduler, request.guidanceScale(), conditioning, imageLatents,
                                initialNoise, noise, startIndex, i, listener);
                    }
                    long decodeStarted = System.nanoTime();
                    denoiseNanos += decodeStarted - denoiseStarted;

                    images.add(decode(latents, run));
                    decodeNanos += System.nanoTime() - decodeStarted;
                }
            }
            timings.put("denoise", denoiseNanos / 1_000_000);
            timings.put("decode", decodeNanos / 1_000_000);
            LOG.debugf("jobId=%s generated %d image(s) at %dx%d: %s", request.jobId(), request.numImages(),
                    request.width(), request.height(), timings);
            return new Generation(images, warnings, timings);
        }
    }

    /**
     * Builds the constant UNet inputs: the three prompt embeddings (with the negative text as the
     * unconditional row when guided), the nearest-resized mask and the masked-image latents.
     */
    Conditioning condition(NDManager job, TextPrompts prompts, NDArray imageNd, NDArray maskNd, boolean guided) {
        // Row order: negative, total, center, surrounding.
        NDArray hidden = encodeText(job, List.of(prompts.negative(), prompts.total(), prompts.center(), prompts.surrounding()));
        NDArray maskLatent = maskLatent(maskNd);
        NDArray maskedImage = imageNd.mul(maskNd.neg().add(1));
        NDArray maskedLatents = bundle.vaeEncoder().forward(new NDList(maskedImage), job).singletonOrThrow();

        if (!guided) {
            return new Conditioning(hidden.get("1:2"), hidden.get("2:3"), hidden.get("3:4"), maskLatent, maskedLatents, false);
        }
        NDArray uncond = hidden.get("0:1");
        return new Conditioning(
                uncond.concat(hidden.get("1:2")),
                uncond.concat(hidden.get("2:3")),
                uncond.concat(hidden.get("3:4")),
                maskLatent.concat(maskLatent),
                maskedLatents.concat(maskedLatents),
                true);
    }

    /** Token ids to hidden states, {@code [texts, L, D]}, attached to {@code manager}. */
    NDArray encodeText(NDManager manager, List<String> texts) {
        long[][] ids = bundle.tokenizer().encode(texts);
        NDArray idsNd = manager.create(ids);
        NDArray hidden = bundle.textEncoder().forward(new NDList(idsNd), manager).singletonOrThrow();
        Shape expected = new Shape(texts.size(), bundle.config().maxTextLength(), bundle.config().hiddenSize());
        if (!hidden.getShape().equals(expected)) {
            throw new IllegalStateException("text_encoder.pt returned shape " + hidden.getShape()
                    + ", expected " + expected + " from text.max_length and text.hidden_size in model.json");
        }
        return hidden;
    }

    /** Nearest resize to the latent grid: with an integer factor f that picks pixel (f·i, f·j), as torch does. */
    NDArray maskLatent(NDArray maskNd) {
        int f = bundle.config().downsampleFactor();
        return maskNd.get(new NDIndex(":, :, ::" + f + ", ::" + f));
    }

    private NDArray encodeImage(NDArray imageNd, NDManager manager) {
        return bundle.vaeEncoder().forward(new NDList(imageNd), manager).singletonOrThrow();
    }

    /**
     * Runs the denoising loop for one image and returns the final latents, attached to {@code run}.
     *
     * @param initialNoise standard-normal noise {@code [1, C, h, w]}; with strength 1 it is the
     *     starting latents (both schedulers have an initial sigma of 1)
     */
    NDArray denoise(NDManager run, Scheduler scheduler, double guidanceScale, Conditioning conditioning,
            NDArray imageLatents, NDArray initialNoise, NoiseSource noise, int startIndex, int imageIndex,
            DenoiseListener listener) {
        int[] timesteps = scheduler.timesteps();
        int totalSteps = timesteps.length - startIndex;

        NDArray latents;
        if (imageLatents == null) {
            latents = initialNoise;
        } else {
            NDArray original = imageLatents.duplicate();
            original.attach(run);
            latents = scheduler.addNoise(original, initialNoise, startIndex);
        }

        for (int k = startIndex; k < timesteps.length; k++) {
            NDArray next;
            try (NDManager step = run.newSubManager()) {
                // Results of operations on latents now land in the step manager.
                latents.tempAttach(step);
                NDArray modelOutput = guidedOutput(step, latents, timesteps[k], conditioning, guidanceScale);
                next = scheduler.step(modelOutput, k, latents, noise);
                next.attach(run);
            }
            latents.close();
            latents = next;

            int finished = k - startIndex + 1;
            listener.onLatents(imageIndex, finished, latents);
            listener.onStep(imageIndex, finished, totalSteps);
        }
        return latents;
    }

    /**
     * Runs one batched UNet call: {@code sample = latents ⊕ mask ⊕ masked-image latents} on the channel
     * axis, {@code [G, 2C+1, h, w]}; with guidance, {@code uncond + g · (cond − uncond)}.
     */
    NDArray guidedOutput(NDManager step, NDArray latents, int timestep, Conditioning conditioning, double guidanceScale) {
        NDArray modelLatents = conditioning.guided() ? latents.concat(latents) : latents;
        NDArray sample = NDArrays.concat(
                new NDList(modelLatents, conditioning.maskLatent(), conditioning.maskedImageLatents()), 1);
        long batch = sample.getShape().get(0);
        long[] timestepValues = new long[(int) batch];
        java.util.Arrays.fill(timestepValues, timestep);

        NDList inputs = new NDList(sample, step.create(timestepValues), conditioning.eTotal(), conditioning.eCenter(),
                conditioning.eSurround(), conditioning.maskLatent());
        NDArray output = bundle.unet().forward(inputs, step).singletonOrThrow();
        if (!conditioning.guided()) {
            return output;
        }
        NDList halves = output.split(2);
        NDArray uncond = halves.get(0);
        return uncond.add(halves.get(1).sub(uncond).mul(guidanceScale));
    }

    float[] decode(NDArray latents, NDManager run) {
        NDArray decoded = bundle.vaeDecoder().forward(new NDList(latents), run).singletonOrThrow();
        return decoded.clip(-1, 1).toFloatArray();
    }

    /** Computes the first step index that runs for {@code strength}, as diffusers' get_timesteps does. */
    static int startIndex(int steps, double strength) {
        int initSteps = Math.min((int) (steps * strength), steps);
        if (initSteps < 1) {
            throw new IllegalArgumentException("strength " + strength + " with " + steps
                    + " steps leaves no denoising step; raise strength to at least " + (1.0 / steps) + " or add steps");
        }
        return steps - initSteps;
    }

    private List<String> unknownWordWarnings(TextPrompts prompts) {
        List<String> warnings = new ArrayList<>();
        addUnknown(warnings, "center", prompts.center());
        addUnknown(warnings, "surrounding", prompts.surrounding());
        addUnknown(warnings, "negative", prompts.negative());
        return warnings;
    }

    private void addUnknown(List<String> warnings, String field, String text) {
        List<String> unknown = bundle.tokenizer().unknownWords(text);
        if (!unknown.isEmpty()) {
            warnings.add("the " + field + " prompt has words model " + bundle.config().name()
                    + " does not know and ignores: " + String.join(", ", unknown));
        }
    }

    private static void checkSize(GenerationRequest request, BundleConfig config) {
        int m = config.multipleOf();
        if (request.width() % m != 0 || request.height() % m != 0) {
            throw new IllegalArgumentException("image size " + request.width() + "x" + request.height()
                    + " must be a multiple of " + m + " (resolution.multiple_of of the bundle)");
        }
    }

    private static float[] binarized(float[] mask) {
        float[] out = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] >= 0.5f ? 1f : 0f;
        }
        return out;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
