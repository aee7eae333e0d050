package dev.vipoutpaint.caption.heuristic;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A small, fixed-size copy of an image that the heuristic captioner measures.
 *
 * <p>The image is box-filtered down so its long side is at most {@link #MAX_SIDE_PX}. Working
 * at one scale makes texture values comparable between a 320 px test photo and a 4000 px
 * upload, and the integer box filter gives the same pixels on every JVM.
 */
final class AnalysisImage {

    /** Long side of the analysis grid, in pixels. */
    static final int MAX_SIDE_PX = 128;

    final int width;
    final int height;
    /** sRGB channels in 0..1, row-major, length {@code width * height}. */
    final float[] red;
    final float[] green;
    final float[] blue;
    /** Rec. 601 luma in 0..1, row-major. */
    final float[] luma;

    private final double scaleX;
    private final double scaleY;

    private AnalysisImage(int width, int height, double scaleX, double scaleY) {
        this.width = width;
        this.height = height;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.red = new float[width * height];
        this.green = new float[width * height];
        this.blue = new float[width * height];
        this.luma = new float[width * height];
    }

    /** Downscales {@code source} by averaging whole source pixels into each analysis pixel. */
    static AnalysisImage of(BufferedImage source) {
        int sourceWidth = source.getWidth();
        int sourceHeight = source.getHeight();
        double factor = Math.max(1.0, Math.max(sourceWidth, sourceHeight) / (double) MAX_SIDE_PX);
        int width = Math.max(1, (int) Math.round(sourceWidth / factor));
        int height = Math.max(1, (int) Math.round(sourceHeight / factor));
        AnalysisImage image = new AnalysisImage(
                width, height, width / (double) sourceWidth, height / (double) sourceHeight);

        int[] row = new int[sourceWidth];
        long[] sumR = new long[width * height];
        long[] sumG = new long[width * height];
        long[] sumB = new long[width * height];
        int[] count = new int[width * height];
        for (int sy = 0; sy < sourceHeight; sy++) {
            source.getRGB(0, sy, sourceWidth, 1, row, 0, sourceWidth);
            int y = Math.min(height - 1, (int) ((long) sy * height / sourceHeight));
            for (int sx = 0; sx < sourceWidth; sx++) {
                int x = Math.min(width - 1, (int) ((long) sx * width / sourceWidth));
                int argb = row[sx];
                int i = y * width + x;
                sumR[i] += (argb >> 16) & 0xff;
                sumG[i] += (argb >> 8) & 0xff;
                sumB[i] += argb & 0xff;
                count[i]++;
            }
        }

        for (int i = 0; i < count.length; i++) {
            int n = Math.max(1, count[i]);
            image.red[i] = sumR[i] / (255f * n);
            image.green[i] = sumG[i] / (255f * n);
            image.blue[i] = sumB[i] / (255f * n);
            image.luma[i] = 0.299f * image.red[i] + 0.587f * image.green[i] + 0.114f * image.blue[i];
        }
        return image;
    }

    /** Maps a rectangle in source pixels to analysis pixels, keeping at least one pixel. */
    Rectangle toAnalysis(Rectangle sourceBox) {
        int x0 = clamp((int) Math.floor(sourceBox.x * scaleX), 0, width - 1);
        int y0 = clamp((int) Math.floor(sourceBox.y * scaleY), 0, height - 1);
        int x1 = clamp((int) Math.ceil((sourceBox.x + sourceBox.width) * scaleX), x0 + 1, width);
        int y1 = clamp((int) Math.ceil((sourceBox.y + sourceBox.height) * scaleY), y0 + 1, height);
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    Rectangle bounds() {
        return new Rectangle(0, 0, width, height);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
