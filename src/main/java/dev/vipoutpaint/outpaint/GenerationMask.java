package dev.vipoutpaint.outpaint;

/**
 * The canvas-sized mask of pixels to generate: everything outside the input, input pixels the
 * user mask marks (white = generate) and fully transparent input pixels.
 */
public final class GenerationMask {

    /** User-mask luminance at or above this value (0..255) marks a pixel to generate. */
    static final int USER_MASK_THRESHOLD = 128;

    private GenerationMask() {
    }

    /**
     * Builds the mask, row-major, {@code true} = generate.
     *
     * @param userMask the user's mask in input pixels, or null
     * @throws OutpaintException {@code INVALID_REQUEST} when the user mask's size differs from
     *     the input's, or when nothing would be generated
     */
    public static boolean[] build(CanvasLayout layout, SourcePixels source, SourcePixels userMask) {
        if (userMask != null && (userMask.width() != source.width() || userMask.height() != source.height())) {
            throw new OutpaintException(ErrorCodes.INVALID_REQUEST, "mask size " + userMask.width() + "x"
                    + userMask.height() + " must equal the image size " + source.width() + "x" + source.height());
        }

        int width = layout.canvasWidth();
        boolean[] generate = new boolean[width * layout.canvasHeight()];
        boolean any = false;
        for (int y = 0; y < layout.canvasHeight(); y++) {
            for (int x = 0; x < width; x++) {
                boolean value = !layout.coversSource(x, y)
                        || generatesInside(source, userMask, x - layout.sourceX(), y - layout.sourceY());
                generate[y * width + x] = value;
                any |= value;
            }
        }

        if (!any) {
            throw new OutpaintException(ErrorCodes.INVALID_REQUEST,
                    "nothing to generate: the canvas equals the image and the mask marks no pixel; expand at least one side");
        }
        return generate;
    }

    private static boolean generatesInside(SourcePixels source, SourcePixels userMask, int sx, int sy) {
        int index = sy * source.width() + sx;
        if (source.hasAlpha() && (source.argb()[index] >>> 24) == 0) {
            return true;
        }
        return userMask != null && luminance(userMask.argb()[index]) >= USER_MASK_THRESHOLD;
    }

    /** Rec. 601 luma of an sRGB pixel, 0..255. */
    static int luminance(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }
}
