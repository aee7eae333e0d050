package dev.vipoutpaint.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The validated contents of a bundle's {@code model.json} (bundle format version 1).
 *
 * @param name model name for completed events
 * @param version model version for completed events
 * @param predictionType what the UNet predicts
 * @param schedule the training noise schedule
 * @param latentChannels {@code C}, channels of the latents
 * @param downsampleFactor {@code f}, pixels per latent cell along each axis
 * @param width working width in pixels
 * @param height working height in pixels
 * @param multipleOf image sides are rounded to multiples of this
 * @param maxTextLength {@code L}, tokens per prompt after padding and truncation
 * @param hiddenSize {@code D}, width of the text embeddings
 * @param closedVocabulary whether the tokenizer has a fixed word list
 * @param defaults sampling defaults of the bundle
 */
public record BundleConfig(
        String name,
        String version,
        PredictionType predictionType,
        NoiseSchedule schedule,
        int latentChannels,
        int downsampleFactor,
        int width,
        int height,
        int multipleOf,
        int maxTextLength,
        int hiddenSize,
        boolean closedVocabulary,
        Defaults defaults) {

    public static final String FILE_NAME = "model.json";
    public static final int FORMAT_VERSION = 1;
    public static final String ARCHITECTURE = "vip-cts-unet";
    private static final Set<String> AUTOENCODERS = Set.of("kl", "pixel_unshuffle");

    /**
     * The bundle's sampling defaults.
     *
     * @param sampler {@code ddim} or {@code dpmpp_2m}
     * @param steps denoising steps
     * @param guidanceScale classifier-free guidance scale
     * @param eta DDIM eta
     * @param spacing timestep spacing
     * @param stepsOffset steps offset for {@code leading} spacing
     */
    public record Defaults(
            String sampler, int steps, double guidanceScale, double eta, TimestepSpacing spacing, int stepsOffset) {
    }

    /** Reads and validates {@code model.json} in {@code bundleDir}. */
    public static BundleConfig read(Path bundleDir) {
        Path file = bundleDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BundleException("missing " + file + ": a model bundle needs " + FILE_NAME
                    + " (bundle format version " + FORMAT_VERSION + ")");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BundleException("invalid JSON in " + file + ": " + e.getMessage(), e);
        }
        return new Reader(file, root).config();
    }

    /** Reads fields with messages that name the file, the field and the expected value. */
    private static final class Reader {
        private final Path file;
        private final JsonNode root;

        Reader(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        BundleConfig config() {
            int formatVersion = integer("format_version", 1, Integer.MAX_VALUE);
            if (formatVersion != FORMAT_VERSION) {
                throw fail("format_version must be " + FORMAT_VERSION + ", got " + formatVersion
                        + "; export the bundle with a matching exporter");
            }
            String architecture = text("architecture");
            if (!ARCHITECTURE.equals(architecture)) {
                throw fail("architecture must be '" + ARCHITECTURE + "', got '" + architecture + "'");
            }
            String autoencoder = text("latent.autoencoder");
            if (!AUTOENCODERS.contains(autoencoder)) {
                throw fail("latent.autoencoder must be 'kl' or 'pixel_unshuffle', got '" + autoencoder + "'");
            }

            PredictionType predictionType = parse("prediction_type", () -> PredictionType.parse(text("prediction_type")));
            NoiseSchedule schedule = parse("noise_schedule", () -> NoiseSchedule.of(
                    text("noise_schedule.beta_schedule"),
                    number("noise_schedule.beta_start"),
                    number("noise_schedule.beta_end"),
                    integer("noise_schedule.num_train_timesteps", 2, 100_000)));

            int factor = integer("latent.downsample_factor", 1, 64);
            int multipleOf = integer("resolution.multiple_of", 1, 4096);
            if (multipleOf % factor != 0) {
                throw fail("resolution.multiple_of must be a multiple of latent.downsample_factor " + factor
                        + ", got " + multipleOf);
            }
            int width = integer("resolution.width", multipleOf, 16_384);
            int height = integer("resolution.height", multipleOf, 16_384);
            if (width % multipleOf != 0 || height % multipleOf != 0) {
                throw fail("resolution.width and resolution.height must be multiples of resolution.multiple_of "
                        + multipleOf + ", got " + width + "x" + height);
            }

            return new BundleConfig(
                    text("name"),
                    text("version"),
                    predictionType,
                    schedule,
                    integer("latent.channels", 1, 1024),
                    factor,
                    width,
                    height,
                    multipleOf,
                    integer("text.max_length", 2, 4096),
                    integer("text.hidden_size", 1, 65_536),
                    bool("text.closed_vocabulary"),
                    defaults());
        }

        private Defaults defaults() {
            String sampler = text("defaults.sampler");
            if (!SamplerKind.isKnown(sampler)) {
                throw fail("defaults.sampler must be one of " + SamplerKind.names() + ", got '" + sampler + "'");
            }
            return new Defaults(
                    sampler,
                    integer("defaults.steps", 1, 1000),
                    number("defaults.guidance_scale"),
                    number("defaults.eta"),
                    parse("defaults.timestep_spacing", () -> TimestepSpacing.parse(text("defaults.timestep_spacing"))),
                    integer("defaults.steps_offset", 0, 1000));
        }

        private JsonNode node(String dottedPath) {
            JsonNode node = root;
            for (String part : dottedPath.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node == null || node.isNull()) {
                throw fail(dottedPath + " is missing");
            }
            return node;
        }

        private String text(String path) {
            JsonNode node = node(path);
            if (!node.isTextual() || node.asText().isBlank()) {
                throw fail(path + " must be a non-empty string, got " + node);
            }
            return node.asText();
        }

        private int integer(String path, int min, int max) {
            JsonNode node = node(path);
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
                throw fail(path + " must be an integer " + min + ".." + max + ", got " + node);
            }
            return node.asInt();
        }

        private double number(String path) {
            JsonNode node = node(path);
            if (!node.isNumber()) {
                throw fail(path + " must be a number, got " + node);
            }
            return node.asDouble();
        }

        private boolean bool(String path) {
            JsonNode node = node(path);
            if (!node.isBoolean()) {
                throw fail(path + " must be true or false, got " + node);
            }
            return node.asBoolean();
        }

        private <T> T parse(String path, java.util.function.Supplier<T> parser) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        private BundleException fail(String problem) {
            return new BundleException("invalid " + file + ": " + problem);
        }
    }
}
