package dev.vipoutpaint.caption.mllm;

import dev.vipoutpaint.caption.CaptionMode;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The instructions sent to the MLLM, loaded from {@code caption/prompts/*.txt} on the classpath.
 *
 * <p>Placeholders in the templates: {@code {{left}}}, {@code {{top}}}, {@code {{right}}} and
 * {@code {{bottom}}} are the center box edges in percent of the image width or height (describe
 * mode only). Percentages rather than pixels, because the image is scaled down before sending.
 */
final class PromptTemplates {

    static final String SYSTEM = "caption/prompts/system.txt";
    static final String EXTRAPOLATE = "caption/prompts/extrapolate.txt";
    static final String DESCRIBE = "caption/prompts/describe.txt";

    private final String system;
    private final String extrapolate;
    private final String describe;

    PromptTemplates() {
        this.system = load(SYSTEM);
        this.extrapolate = load(EXTRAPOLATE);
        this.describe = load(DESCRIBE);
    }

    String system() {
        return system;
    }

    /** Renders the user instruction for one request. */
    String instruction(CaptionMode mode, int imageWidthPx, int imageHeightPx, Rectangle centerBox) {
        if (mode == CaptionMode.EXTRAPOLATE) {
            return extrapolate;
        }
        return describe
                .replace("{{left}}", percent(centerBox.x, imageWidthPx))
                .replace("{{top}}", percent(centerBox.y, imageHeightPx))
                .replace("{{right}}", percent(centerBox.x + centerBox.width, imageWidthPx))
                .replace("{{bottom}}", percent(centerBox.y + centerBox.height, imageHeightPx));
    }

    private static String percent(int valuePx, int sidePx) {
        return String.format(Locale.ROOT, "%.0f", 100.0 * valuePx / sidePx);
    }

    private static String load(String resource) {
        try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read prompt template " + resource, e);
        }
    }
}
