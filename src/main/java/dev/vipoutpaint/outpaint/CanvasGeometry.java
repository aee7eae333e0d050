package dev.vipoutpaint.outpaint;

/** Places the input on the output canvas from a {@link CanvasSpec}, validating it first. */
public final class CanvasGeometry {

    /** Largest expansion of one side, as a fraction of the input's width or height. */
    public static final double MAX_EXPANSION_FRACTION = 4.0;

    private CanvasGeometry() {
    }

    /**
     * Computes the canvas for an input of {@code sourceWidth × sourceHeight} pixels. Fractions are
     * rounded to whole pixels per side.
     *
     * @throws OutpaintException {@code INVALID_REQUEST} for an inconsistent spec,
     *     {@code IMAGE_TOO_LARGE} when the canvas exceeds {@code maxPixels}
     */
    public static CanvasLayout layout(int sourceWidth, int sourceHeight, CanvasSpec spec, long maxPixels) {
        if (spec == null) {
            throw invalid("canvas is missing: give per-side expansion fractions or a target size and offset");
        }
        CanvasLayout layout = spec.isExplicit()
                ? explicitLayout(sourceWidth, sourceHeight, spec)
                : fractionLayout(sourceWidth, sourceHeight, spec);

        if (layout.canvasPixels() > maxPixels) {
            throw new OutpaintException(ErrorCodes.IMAGE_TOO_LARGE, "output canvas " + layout.canvasWidth() + "x"
                    + layout.canvasHeight() + " has " + layout.canvasPixels() + " pixels, more than the limit of "
                    + maxPixels + "; request a smaller expansion or a smaller input");
        }
        return layout;
    }

    private static CanvasLayout fractionLayout(int sourceWidth, int sourceHeight, CanvasSpec spec) {
        int left = sidePixels("left", spec.left(), sourceWidth);
        int right = sidePixels("right", spec.right(), sourceWidth);
        int top = sidePixels("top", spec.top(), sourceHeight);
        int bottom = sidePixels("bottom", spec.bottom(), sourceHeight);
        return new CanvasLayout(left + sourceWidth + right, top + sourceHeight + bottom,
                left, top, sourceWidth, sourceHeight);
    }

    private static int sidePixels(String side, Double fraction, int sourceLength) {
        if (fraction == null) {
            throw invalid("canvas." + side + " is missing: give all four expansion fractions (0 for a side that stays)");
        }
        if (!(fraction >= 0 && fraction <= MAX_EXPANSION_FRACTION)) {
            throw invalid("canvas." + side + " must be 0.." + MAX_EXPANSION_FRACTION + " (a fraction of the input size), got "
                    + fraction);
        }
        return (int) Math.round(fraction * sourceLength);
    }

    private static CanvasLayout explicitLayout(int sourceWidth, int sourceHeight, CanvasSpec spec) {
        if (spec.targetHeight() == null || spec.offsetX() == null || spec.offsetY() == null) {
            throw invalid("canvas with targetWidth also needs targetHeight, offsetX and offsetY");
        }
        if (spec.left() != null || spec.right() != null || spec.top() != null || spec.bottom() != null) {
            throw invalid("canvas must give either expansion fractions or a target size, not both");
        }
        int width = spec.targetWidth();
        int height = spec.targetHeight();
        int x = spec.offsetX();
        int y = spec.offsetY();
        if (x < 0 || x + sourceWidth > width) {
            throw invalid("canvas.offsetX must be 0.." + (width - sourceWidth) + " so the " + sourceWidth
                    + " px wide input fits in targetWidth " + width + ", got " + x);
        }
        if (y < 0 || y + sourceHeight > height) {
            throw invalid("canvas.offsetY must be 0.." + (height - sourceHeight) + " so the " + sourceHeight
                    + " px high input fits in targetHeight " + height + ", got " + y);
        }
        return new CanvasLayout(width, height, x, y, sourceWidth, sourceHeight);
    }

    private static OutpaintException invalid(String message) {
        return new OutpaintException(ErrorCodes.INVALID_REQUEST, message);
    }
}
