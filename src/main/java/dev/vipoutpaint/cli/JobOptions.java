package dev.vipoutpaint.cli;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.PromptMode;
import dev.vipoutpaint.api.SamplingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by {@code vip outpaint} and {@code vip submit}: one request and where its result goes. */
class JobOptions {

    @Parameters(index = "0", paramLabel = "PHOTO",
            description = "Photo to extend: a local file (uploaded to the store) or s3://bucket/key.")
    String photo;

    @ArgGroup(exclusive = true)
    Canvas canvas;

    static class Canvas {
        @Option(names = "--expand", paramLabel = "F",
                description = "Expand every side by F times the photo's size (0..4). Default: 0.25.")
        Double expand;

        @ArgGroup(exclusive = false)
        Sides sides;
    }

    static class Sides {
        @Option(names = "--left", paramLabel = "F", description = "Expand the left side by F times the width.")
        Double left;

        @Option(names = "--right", paramLabel = "F", description = "Expand the right side by F times the width.")
        Double right;

        @Option(names = "--top", paramLabel = "F", description = "Expand the top by F times the height.")
        Double top;

        @Option(names = "--bottom", paramLabel = "F", description = "Expand the bottom by F times the height.")
        Double bottom;
    }

    @Option(names = "--center", paramLabel = "TEXT",
            description = "Text for the center; with --replace it is used alone, else put before the caption.")
    String center;

    @Option(names = "--surrounding", paramLabel = "TEXT",
            description = "Text for the surroundings; with --replace it is used alone, else put before the caption.")
    String surrounding;

    @Option(names = "--replace",
            description = "Use --center and --surrounding in place of the automatic prompts, not in front of them.")
    boolean replace;

    @Option(names = "--keywords", paramLabel = "W", split = ",",
            description = "Words appended to the surrounding prompt, comma-separated.")
    List<String> keywords;

    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative text for guidance.")
    String negative;

    @Option(names = "--steps", paramLabel = "N", description = "Denoising steps. Default: the model bundle's (model.json), or vip.defaults.steps if set.")
    Integer steps;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial noise. Default: derived from the job id.")
    Long seed;

    @Option(names = "--guidance", paramLabel = "G", description = "Classifier-free guidance scale, 1..30. Default: the model bundle's, or vip.defaults.guidance-scale.")
    Double guidanceScale;

    @Option(names = "--job-id", paramLabel = "ID",
            description = "Job id (idempotency key); the same id returns the stored result. Default: a random UUID.")
    String jobId;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the result image. Default: <photo>-outpaint.png.")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long to wait for the completion, ISO-8601. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    String jobIdOrRandom() {
        if (jobId == null) {
            jobId = UUID.randomUUID().toString();
        }
        return jobId;
    }

    /** Builds the request for the uploaded photo {@code sourceRef}. */
    OutpaintRequested toRequest(String sourceRef) {
        CanvasOptions canvasOptions = null;
        if (canvas != null && canvas.expand != null) {
            canvasOptions = CanvasOptions.expand(canvas.expand, canvas.expand, canvas.expand, canvas.expand);
        } else if (canvas != null && canvas.sides != null) {
            Sides s = canvas.sides;
            canvasOptions = CanvasOptions.expand(orZero(s.left), orZero(s.right), orZero(s.top), orZero(s.bottom));
        }

        PromptMode mode = replace ? PromptMode.REPLACE : PromptMode.EXTEND;
        PromptInput prompt = new PromptInput(center, surrounding, keywords == null ? List.of() : keywords, negative,
                center == null ? null : mode, surrounding == null ? null : mode);
        SamplingOptions sampling = new SamplingOptions(null, steps, guidanceScale, seed, null, null);
        return new OutpaintRequested(jobIdOrRandom(), sourceRef, null, canvasOptions, prompt, sampling,
                OutputOptions.DEFAULTS, Instant.now());
    }

    Path outputFile() {
        if (out != null) {
            return out;
        }
        String name = Path.of(photo).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Path.of((dot > 0 ? name.substring(0, dot) : name) + "-outpaint.png");
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
