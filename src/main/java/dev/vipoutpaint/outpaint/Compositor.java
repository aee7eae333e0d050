package dev.vipoutpaint.outpaint;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;

/**
 * Builds the full-resolution output from the model's working-resolution result.
 *
 * <p>Steps: (1) measure how the model's colors differ from the input on the kept side of the seam
 * (input scaled to the working size minus model output, blurred); (2) shift all generated pixels
 * by the mean difference of the kept border band (color matching) and, within the feather width
 * of the seam, by the local difference fading linearly to that mean, so colors continue across
 * the seam; (3) scale output and correction up to the canvas; (4) copy every kept input pixel
 * unchanged, so the kept region is bit-identical to the input.
 */
public final class Compositor {

    /** Radius of the box blur applied to the color difference, in working pixels. */
    static final int DIFFERENCE_BLUR_RADIUS = 2;

    private Compositor() {
    }

    /**
     * @param canvasMask canvas-sized, row-major, true = generate
     * @param workCanvas the canvas scaled to the working size, RGB 0..255 (what the model saw)
     * @param workMask the working-size mask, 1 = generate
     * @param generated the decoded model output at the working size, RGB 0..255
     * @param featherWorkPixels width of the seam band, in working pixels
     */
    public static BufferedImage composite(SourcePixels source, CanvasLayout layout, boolean[] canvasMask,
            Planes workCanvas, Planes workMask, Planes generated, int featherWorkPixels) {
        // 1. Color difference on the kept side, blurred so only its low frequencies carry over.
        Planes difference = keptDifference(workCanvas, generated, workMask);
        Nearest nearest = Nearest.ofKept(workMask);
        double[] borderMean = borderMean(difference, nearest, featherWorkPixels);

        // 2. Correction field at the working size: local difference near the seam, mean farther out.
        Planes correction = Planes.zeros(3, generated.width(), generated.height());
        for (int p = 0; p < generated.planeSize(); p++) {
            if (nearest.source[p] < 0) {
                continue;
            }
            double fade = Math.max(0, 1 - nearest.distance[p] / featherWorkPixels);
            for (int c = 0; c < 3; c++) {
                double local = difference.data()[c * difference.planeSize() + nearest.source[p]];
                correction.data()[c * correction.planeSize() + p] =
                        (float) (borderMean[c] + (local - borderMean[c]) * fade);
            }
        }

        // 3. Scale the output and the correction to the canvas.
        Planes outputUp = Resampler.resize(generated, layout.canvasWidth(), layout.canvasHeight());
        Planes correctionUp = Resampler.resize(correction, layout.canvasWidth(), layout.canvasHeight());

        // 4. Write generated pixels, then copy kept pixels bit for bit.
        BufferedImage out = new BufferedImage(layout.canvasWidth(), layout.canvasHeight(),
                source.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int width = layout.canvasWidth();
        int[] row = new int[width];
        for (int y = 0; y < layout.canvasHeight(); y++) {
            for (int x = 0; x < width; x++) {
                if (canvasMask[y * width + x]) {
                    int r = toByte(outputUp.get(0, x, y) + correctionUp.get(0, x, y));
                    int g = toByte(outputUp.get(1, x, y) + correctionUp.get(1, x, y));
                    int b = toByte(outputUp.get(2, x, y) + correctionUp.get(2, x, y));
                    row[x] = 0xff000000 | (r << 16) | (g << 8) | b;
                } else {
                    int sx = x - layout.sourceX();
                    int sy = y - layout.sourceY();
                    row[x] = source.argb()[sy * source.width() + sx];
                }
            }
            out.setRGB(0, y, width, 1, row, 0, width);
        }
        return out;
    }

    /** Input minus model output on kept working pixels, box-blurred over kept pixels only. */
    static Planes keptDifference(Planes workCanvas, Planes generated, Planes workMask) {
        int w = generated.width();
        int h = generated.height();
        Planes blurred = Planes.zeros(3, w, h);
        int r = DIFFERENCE_BLUR_RADIUS;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (workMask.get(0, x, y) > 0.5f) {
                    continue;
                }
                double[] sum = new double[3];
                int count = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h || workMask.get(0, nx, ny) > 0.5f) {
                            continue;
                        }
                        for (int c = 0; c < 3; c++) {
                            sum[c] += workCanvas.get(c, nx, ny) - generated.get(c, nx, ny);
                        }
                        count++;
                    }
                }
                for (int c = 0; c < 3; c++) {
                    blurred.set(c, x, y, (float) (sum[c] / count));
                }
            }
        }
        return blurred;
    }

    /** Mean difference over kept pixels within the feather width of a generated pixel. */
    private static double[] borderMean(Planes difference, Nearest nearest, int featherWorkPixels) {
        Nearest toGenerated = nearest.generatedSide;
        double[] sum = new double[3];
        long count = 0;
        for (int p = 0; p < difference.planeSize(); p++) {
            if (nearest.distance[p] == 0 && toGenerated.source[p] >= 0 && toGenerated.distance[p] <= featherWorkPixels) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += difference.data()[c * difference.planeSize() + p];
                }
                count++;
            }
        }
        if (count == 0) {
            return new double[3];
        }
        return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
    }

    private static int toByte(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    /**
     * For every working pixel, the index of a nearby pixel of one kind (kept or generated) and the
     * Euclidean distance to it, found by a breadth-first search from all pixels of that kind. The
     * result is the exact nearest pixel in most cases and a close one otherwise, enough for a fade.
     */
    static final class Nearest {
        final int[] source;
        final double[] distance;
        Nearest generatedSide;

        private Nearest(int size) {
            source = new int[size];
            distance = new double[size];
        }

        static Nearest ofKept(Planes mask) {
            Nearest toKept = search(mask, false);
            toKept.generatedSide = search(mask, true);
            return toKept;
        }

        private static Nearest search(Planes mask, boolean fromGenerated) {
            int w = mask.width();
            int h = mask.height();
            Nearest result = new Nearest(w * h);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int p = 0; p < w * h; p++) {
                boolean generated = mask.data()[p] > 0.5f;
                if (generated == fromGenerated) {
                    result.source[p] = p;
                    queue.add(p);
                } else {
                    result.source[p] = -1;
                    result.distance[p] = Double.POSITIVE_INFINITY;
                }
            }

            while (!queue.isEmpty()) {
                int p = queue.poll();
                int px = p % w;
                int py = p / w;
                int origin = result.source[p];
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        int ny = py + dy;
                        if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h) {
                            continue;
                        }
                        int n = ny * w + nx;
                        double d = Math.hypot(nx - origin % w, ny - origin / w);
                        if (d < result.distance[n]) {
                            result.distance[n] = d;
                            result.source[n] = origin;
                            queue.add(n);
                        }
                    }
                }
            }
            return result;
        }
    }
}
