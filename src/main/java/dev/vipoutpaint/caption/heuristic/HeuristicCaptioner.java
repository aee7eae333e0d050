package dev.vipoutpaint.caption.heuristic;

import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.Captioner;
import dev.vipoutpaint.caption.PromptSource;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Captions an image from its pixels alone, with no model and no network.
 *
 * <p>The center prompt names the top, middle and bottom thirds of the described region with
 * {@link SceneVocabulary} and lists its main colors. In {@code EXTRAPOLATE} mode the surrounding
 * prompt continues the image's border strips outwards, on the assumption that a scene goes on
 * past the frame the way its edges look; in {@code DESCRIBE} mode it describes the ring of pixels
 * around the center box. The same pixels always give the same text. Thread-safe and stateless.
 */
public final class HeuristicCaptioner implements Captioner {

    /** Border strip width as a fraction of the image side, for extrapolation. */
    static final double BORDER_STRIP_FRACTION = 1.0 / 6.0;

    @Override
    public Caption caption(CaptionRequest request) {
        AnalysisImage image = AnalysisImage.of(request.image());

        if (request.mode() == CaptionMode.EXTRAPOLATE) {
            Rectangle whole = image.bounds();
            return new Caption(describeRegion(image, whole), extrapolateBorders(image), PromptSource.HEURISTIC);
        }

        Rectangle sourceBox = validCenterBox(request);
        Rectangle box = image.toAnalysis(sourceBox);
        return new Caption(describeRegion(image, box), describeRing(image, box, sourceBox), PromptSource.HEURISTIC);
    }

    /** Describes a region as its three horizontal bands plus its main colors. */
    static String describeRegion(AnalysisImage image, Rectangle box) {
        RegionStats whole = RegionStats.measure(image, box);
        List<Rectangle> bands = thirds(box);
        String top = SceneVocabulary.phrase(RegionStats.measure(image, bands.get(0)), Placement.TOP);
        String middle = SceneVocabulary.phrase(RegionStats.measure(image, bands.get(1)), Placement.MIDDLE);
        String bottom = SceneVocabulary.phrase(RegionStats.measure(image, bands.get(2)), Placement.BOTTOM);

        StringBuilder text = new StringBuilder();
        String brightness = SceneVocabulary.brightnessWord(whole.brightness());
        text.append(brightness.isEmpty() ? "a photo of " : "a " + brightness + " photo of ");
        if (top.equals(middle) && middle.equals(bottom)) {
            text.append(top).append(" throughout");
        } else if (top.equals(middle)) {
            text.append(top).append(" in the upper part and ").append(bottom).append(" at the bottom");
        } else if (middle.equals(bottom)) {
            text.append(top).append(" at the top and ").append(middle).append(" in the lower part");
        } else {
            text.append(top).append(" at the top, ").append(middle).append(" in the middle and ")
                    .append(bottom).append(" at the bottom");
        }

        text.append(", mostly ").append(whole.colors().get(0).color().word);
        if (whole.colors().size() > 1) {
            text.append(" and ").append(whole.colors().get(1).color().word);
        }
        return text.toString();
    }

    /** Imagines the surroundings by continuing each border strip past the frame. */
    static String extrapolateBorders(AnalysisImage image) {
        int stripHeight = Math.max(1, (int) Math.round(image.height * BORDER_STRIP_FRACTION));
        int stripWidth = Math.max(1, (int) Math.round(image.width * BORDER_STRIP_FRACTION));
        // Side strips skip the corners, which the top and bottom strips already describe.
        int sideTop = Math.min(stripHeight, image.height - 1);
        int sideHeight = Math.max(1, image.height - 2 * stripHeight);

        String above = phraseOf(image, new Rectangle(0, 0, image.width, stripHeight), Placement.TOP);
        String below = phraseOf(image, new Rectangle(0, image.height - stripHeight, image.width, stripHeight), Placement.BOTTOM);
        String left = phraseOf(image, new Rectangle(0, sideTop, stripWidth, sideHeight), Placement.LEFT);
        String right = phraseOf(image, new Rectangle(image.width - stripWidth, sideTop, stripWidth, sideHeight), Placement.RIGHT);

        String sides = left.equals(right)
                ? left + " on both sides"
                : left + " to the left and " + right + " to the right";
        return "more " + above + " above, " + below + " continuing below, " + sides;
    }

    /** Describes the ring between the center box and the image border; empty ring parts are skipped. */
    static String describeRing(AnalysisImage image, Rectangle box, Rectangle sourceBox) {
        List<String> parts = new ArrayList<>();
        if (box.y > 0) {
            parts.add(phraseOf(image, new Rectangle(0, 0, image.width, box.y), Placement.TOP) + " above");
        }
        int boxBottom = box.y + box.height;
        if (boxBottom < image.height) {
            parts.add(phraseOf(image, new Rectangle(0, boxBottom, image.width, image.height - boxBottom), Placement.BOTTOM)
                    + " below");
        }
        int boxRight = box.x + box.width;
        String left = box.x > 0
                ? phraseOf(image, new Rectangle(0, box.y, box.x, box.height), Placement.LEFT)
                : null;
        String right = boxRight < image.width
                ? phraseOf(image, new Rectangle(boxRight, box.y, image.width - boxRight, box.height), Placement.RIGHT)
                : null;
        if (left != null && left.equals(right)) {
            parts.add(left + " on both sides");
        } else {
            if (left != null) {
                parts.add(left + " on the left");
            }
            if (right != null) {
                parts.add(right + " on the right");
            }
        }
        if (parts.isEmpty()) {
            throw new CaptionException("INVALID_REQUEST",
                    "centerBox " + format(sourceBox) + " leaves no surrounding ring at the captioner's analysis scale;"
                            + " use a smaller box that keeps a margin of a few percent on at least one side",
                    false, null);
        }
        return String.join(", ", parts);
    }

    private static String phraseOf(AnalysisImage image, Rectangle region, Placement placement) {
        return SceneVocabulary.phrase(RegionStats.measure(image, region), placement);
    }

    private static List<Rectangle> thirds(Rectangle box) {
        if (box.height < 3) {
            return List.of(box, box, box);
        }
        int first = box.height / 3;
        int second = (2 * box.height) / 3;
        return List.of(
                new Rectangle(box.x, box.y, box.width, first),
                new Rectangle(box.x, box.y + first, box.width, second - first),
                new Rectangle(box.x, box.y + second, box.width, box.height - second));
    }

    private static Rectangle validCenterBox(CaptionRequest request) {
        Rectangle box = request.centerBox();
        int width = request.image().getWidth();
        int height = request.image().getHeight();
        if (box.width <= 0 || box.height <= 0 || box.x < 0 || box.y < 0
                || box.x + box.width > width || box.y + box.height > height) {
            throw new CaptionException("INVALID_REQUEST",
                    "centerBox " + format(box) + " must be non-empty and lie inside the " + width + "x" + height
                            + " image",
                    false, null);
        }
        return box;
    }

    private static String format(Rectangle box) {
        return "x=" + box.x + ",y=" + box.y + ",w=" + box.width + ",h=" + box.height;
    }
}
