package dev.vipoutpaint.outpaint;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;

/**
 * An input image as 8-bit sRGB ARGB pixels, the form geometry and compositing work on.
 *
 * <p>Grayscale images are read from their raster samples, not through
 * {@link BufferedImage#getRGB}, because Java treats {@code TYPE_BYTE_GRAY} as linear gray and
 * would brighten every value on conversion. 16-bit samples are scaled to 8 bits with rounding,
 * so a 16-bit input's kept region equals that 8-bit rendering, not the 16-bit original.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param argb row-major {@code 0xAARRGGBB} pixels
 * @param hasAlpha whether the input had an alpha channel
 */
public record SourcePixels(int width, int height, int[] argb, boolean hasAlpha) {

    /** Converts any decoded image; throws {@code INVALID_IMAGE} for an empty one. */
    public static SourcePixels of(BufferedImage image) {
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new OutpaintException(ErrorCodes.INVALID_IMAGE, "the image is empty or could not be decoded");
        }
        ColorModel colorModel = image.getColorModel();
        boolean hasAlpha = colorModel.hasAlpha();
        int bits = colorModel.getComponentSize(0);
        boolean gray = colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY;

        int[] argb;
        if (gray || bits > 8) {
            argb = fromSamples(image.getRaster(), gray, hasAlpha, bits);
        } else {
            argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        }
        return new SourcePixels(image.getWidth(), image.getHeight(), argb, hasAlpha);
    }

    /** Reads gray, gray+alpha, and 16-bit RGB(A) rasters; band order is color bands, then alpha. */
    private static int[] fromSamples(Raster raster, boolean gray, boolean hasAlpha, int bits) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int maxValue = (1 << bits) - 1;
        int colorBands = gray ? 1 : 3;
        int[] pixel = new int[raster.getNumBands()];
        int[] argb = new int[width * height];

        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(x, y, pixel);
                int r = to8Bit(pixel[0], maxValue);
                int g = gray ? r : to8Bit(pixel[1], maxValue);
                int b = gray ? r : to8Bit(pixel[2], maxValue);
                int a = hasAlpha ? to8Bit(pixel[colorBands], maxValue) : 255;
                argb[y * width + x] = (a << 24) | (r << 16) | (g << 8) | b;
            }
        }
        return argb;
    }

    private static int to8Bit(int sample, int maxValue) {
        return maxValue == 255 ? sample : (int) ((sample * 255L + maxValue / 2) / maxValue);
    }

    public long pixels() {
        return (long) width * height;
    }
}
