package dev.vipoutpaint.outpaint;

/**
 * Placement of the input on the output canvas. Exactly one form is set.
 *
 * <p>Fraction form: {@code left}, {@code right}, {@code top}, {@code bottom} are the expansion
 * of each side as a fraction of the input width (left, right) or height (top, bottom), so 0.25 on
 * every side gives a canvas 1.5 times the input. Explicit form: {@code targetWidth} and
 * {@code targetHeight} in pixels with the input's top-left corner at
 * ({@code offsetX}, {@code offsetY}).
 */
public record CanvasSpec(
        Double left,
        Double right,
        Double top,
        Double bottom,
        Integer targetWidth,
        Integer targetHeight,
        Integer offsetX,
        Integer offsetY) {

    public static CanvasSpec expandEachSide(double fraction) {
        return new CanvasSpec(fraction, fraction, fraction, fraction, null, null, null, null);
    }

    public static CanvasSpec expand(double left, double right, double top, double bottom) {
        return new CanvasSpec(left, right, top, bottom, null, null, null, null);
    }

    public static CanvasSpec explicit(int targetWidth, int targetHeight, int offsetX, int offsetY) {
        return new CanvasSpec(null, null, null, null, targetWidth, targetHeight, offsetX, offsetY);
    }

    public boolean isExplicit() {
        return targetWidth != null;
    }
}
