package dev.vipoutpaint.outpaint;

/**
 * Paints the input onto the canvas as RGB planes (0..255). Pixels outside the input repeat the
 * nearest edge pixel, a neutral start for generation with strength below 1. At full strength the
 * model never receives them, because the masked image sets them to grey.
 */
public final class CanvasPainter {

    private CanvasPainter() {
    }

    public static Planes paint(SourcePixels source, CanvasLayout layout) {
        Planes canvas = Planes.zeros(3, layout.canvasWidth(), layout.canvasHeight());
        for (int y = 0; y < layout.canvasHeight(); y++) {
            int sy = clamp(y - layout.sourceY(), source.height());
            for (int x = 0; x < layout.canvasWidth(); x++) {
                int sx = clamp(x - layout.sourceX(), source.width());
                int argb = source.argb()[sy * source.width() + sx];
                canvas.set(0, x, y, (argb >> 16) & 0xff);
                canvas.set(1, x, y, (argb >> 8) & 0xff);
                canvas.set(2, x, y, argb & 0xff);
            }
        }
        return canvas;
    }

    /** Turns a boolean mask into a one-channel plane, 1 = generate. */
    public static Planes maskPlane(boolean[] mask, int width, int height) {
        Planes plane = Planes.zeros(1, width, height);
        for (int i = 0; i < mask.length; i++) {
            plane.data()[i] = mask[i] ? 1f : 0f;
        }
        return plane;
    }

    /**
     * Scales a generation mask to the working size. A working pixel that covers any generated
     * canvas pixel is generated too, so the model's output reaches every pixel the compositor fills.
     */
    public static Planes scaleMask(Planes mask, int width, int height) {
        Planes scaled = Resampler.resize(mask, width, height);
        float[] data = scaled.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = data[i] > 1e-3f ? 1f : 0f;
        }
        return scaled;
    }

    private static int clamp(int value, int length) {
        return Math.max(0, Math.min(length - 1, value));
    }
}
