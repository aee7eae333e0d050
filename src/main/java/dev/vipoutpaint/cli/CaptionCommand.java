package dev.vipoutpaint.cli;

import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.Captioner;
import dev.vipoutpaint.caption.SpacePrompts;
import dev.vipoutpaint.caption.dataset.CenterBoxes;
import dev.vipoutpaint.caption.dataset.DatasetCaptioning;
import dev.vipoutpaint.caption.dataset.DatasetSummary;
import jakarta.inject.Inject;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vip caption}: prints the prompts for one image, or captions a dataset folder into JSON Lines. */
@Command(
        name = "caption",
        mixinStandardHelpOptions = true,
        description = {
            "Writes space-aware prompts (center, surrounding, total) with the configured captioner.",
            "  vip caption IMAGE",
            "  vip caption --dataset DIR --out prompts.jsonl [--mode describe]"
        })
public class CaptionCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static class Input {
        @Parameters(index = "0", paramLabel = "IMAGE", description = "Image file to caption (JPEG, PNG, BMP, GIF).")
        Path image;

        @Option(names = "--dataset", paramLabel = "DIR",
                description = "Folder of images to caption, searched recursively; needs --out.")
        Path dataset;
    }

    @Option(names = "--out", paramLabel = "FILE",
            description = "JSON Lines output for --dataset; existing lines are kept and their images skipped.")
    Path out;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "extrapolate (describe the image, imagine its surroundings) or describe (center box"
                    + " and the ring around it). Default: extrapolate for IMAGE, describe for --dataset.")
    String mode;

    @Option(names = "--center-fraction", paramLabel = "F", defaultValue = "0.6666667",
            description = "Describe mode: side of the centered box as a fraction of each image side, in (0, 1)."
                    + " Default: ${DEFAULT-VALUE}.")
    double centerFraction;

    @Option(names = "--center-box", paramLabel = "X,Y,W,H",
            description = "Describe mode with IMAGE: the center box in pixels; overrides --center-fraction.")
    String centerBox;

    @Spec
    CommandSpec spec;

    private final Captioner captioner;

    @Inject
    public CaptionCommand(Captioner captioner) {
        this.captioner = captioner;
    }

    @Override
    public Integer call() {
        CaptionMode captionMode = parseMode();
        try {
            CenterBoxes.requireValidFraction(centerFraction);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--center-fraction: " + e.getMessage());
        }
        return input.dataset != null ? captionDataset(captionMode) : captionImage(captionMode);
    }

    private int captionImage(CaptionMode captionMode) {
        BufferedImage image = readImage(input.image);
        CaptionRequest request = captionMode == CaptionMode.DESCRIBE
                ? new CaptionRequest(image, CaptionMode.DESCRIBE, centerBoxFor(image))
                : CaptionRequest.extrapolate(image);
        Caption caption;
        try {
            caption = captioner.caption(request);
        } catch (CaptionException e) {
            spec.commandLine().getErr().println("caption failed (" + e.code() + "): " + e.getMessage());
            return 1;
        }

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("center:      " + caption.center());
        stdout.println("surrounding: " + caption.surrounding());
        stdout.println("total:       " + SpacePrompts.totalOf(caption.center(), caption.surrounding()));
        stdout.println("source:      " + caption.source().wireName());
        stdout.flush();
        return 0;
    }

    private int captionDataset(CaptionMode captionMode) {
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "--dataset needs --out FILE for the JSON Lines output");
        }
        DatasetCaptioning run = new DatasetCaptioning(captioner, captionMode, centerFraction);
        DatasetSummary summary;
        try {
            summary = run.run(input.dataset, out, new ProgressBar(System.err));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return summary.failures().isEmpty() ? 0 : 2;
    }

    private CaptionMode parseMode() {
        if (mode == null) {
            return input.dataset != null ? CaptionMode.DESCRIBE : CaptionMode.EXTRAPOLATE;
        }
        return switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "extrapolate" -> CaptionMode.EXTRAPOLATE;
            case "describe" -> CaptionMode.DESCRIBE;
            default -> throw new ParameterException(spec.commandLine(),
                    "--mode must be extrapolate or describe, got " + mode);
        };
    }

    private Rectangle centerBoxFor(BufferedImage image) {
        if (centerBox == null) {
            return CenterBoxes.centered(image.getWidth(), image.getHeight(), centerFraction);
        }
        String[] parts = centerBox.split(",");
        try {
            if (parts.length != 4) {
                throw new NumberFormatException();
            }
            return new Rectangle(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(),
                    "--center-box must be four integers X,Y,W,H in pixels, got " + centerBox);
        }
    }

    private BufferedImage readImage(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new ParameterException(spec.commandLine(),
                        "IMAGE " + file + " is not a format this build decodes; use JPEG, PNG, BMP or GIF");
            }
            return image;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read IMAGE " + file + ": " + e.getMessage());
        }
    }
}
