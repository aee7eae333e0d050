package dev.vipoutpaint.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The requested output canvas: either per-side expansion or an explicit size and offset.
 *
 * @param left expansion of the left side as a fraction of the input width, 0..4
 * @param right expansion of the right side as a fraction of the input width, 0..4
 * @param top expansion of the top side as a fraction of the input height, 0..4
 * @param bottom expansion of the bottom side as a fraction of the input height, 0..4
 * @param width explicit canvas width in pixels
 * @param height explicit canvas height in pixels
 * @param offsetX x of the input's top-left corner on the explicit canvas, in pixels
 * @param offsetY y of the input's top-left corner on the explicit canvas, in pixels
 */
public record CanvasOptions(
        Double left,
        Double right,
        Double top,
        Double bottom,
        Integer width,
        Integer height,
        Integer offsetX,
        Integer offsetY) {

    public static CanvasOptions expand(double left, double right, double top, double bottom) {
        return new CanvasOptions(left, right, top, bottom, null, null, null, null);
    }

    @JsonIgnore
    public boolean isExplicit() {
        return width != null || height != null;
    }
}
