package dev.vipoutpaint.outpaint;

/**
 * Where the input sits on the output canvas, in output pixels.
 *
 * @param canvasWidth output width
 * @param canvasHeight output height
 * @param sourceX column of the input's left edge
 * @param sourceY row of the input's top edge
 * @param sourceWidth input width
 * @param sourceHeight input height
 */
public record CanvasLayout(
        int canvasWidth, int canvasHeight, int sourceX, int sourceY, int sourceWidth, int sourceHeight) {

    /** Whether canvas pixel ({@code x}, {@code y}) lies on the input. */
    public boolean coversSource(int x, int y) {
        return x >= sourceX && x < sourceX + sourceWidth && y >= sourceY && y < sourceY + sourceHeight;
    }

    public long canvasPixels() {
        return (long) canvasWidth * canvasHeight;
    }
}
