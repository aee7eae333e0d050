package dev.vipoutpaint.caption.heuristic;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pixel statistics of one rectangular region of an {@link AnalysisImage}.
 *
 * @param brightness mean Rec. 601 luma, 0..1
 * @param saturation mean HSV saturation, 0..1
 * @param texture mean absolute luma step between neighbouring analysis pixels, 0..1; about
 *     0.01 for clear sky or still water, above 0.05 for grass, foliage or gravel
 * @param colors the color names covering at least {@link #MIN_COLOR_SHARE} of the region,
 *     most frequent first (ties broken by vocabulary order, so the result is deterministic)
 */
record RegionStats(double brightness, double saturation, double texture, List<ColorShare> colors) {

    /** Share of a region below which a color is not worth naming. */
    static final double MIN_COLOR_SHARE = 0.15;

    /** One color name and the fraction of the region's pixels it names. */
    record ColorShare(ColorName color, double share) {
    }

    /** Returns the most frequent color name of the region. */
    ColorName dominant() {
        return colors.get(0).color();
    }

    /** Share of the region named by any color that matches {@code family}. */
    double shareOf(java.util.function.Predicate<ColorName> family) {
        return colors.stream().filter(c -> family.test(c.color())).mapToDouble(ColorShare::share).sum();
    }

    /** Measures {@code box}, given in analysis pixels, of {@code image}. */
    static RegionStats measure(AnalysisImage image, Rectangle box) {
        int[] counts = new int[ColorName.values().length];
        double lumaSum = 0;
        double saturationSum = 0;
        double stepSum = 0;
        long steps = 0;
        int x1 = box.x + box.width;
        int y1 = box.y + box.height;

        for (int y = box.y; y < y1; y++) {
            for (int x = box.x; x < x1; x++) {
                int i = y * image.width + x;
                float r = image.red[i];
                float g = image.green[i];
                float b = image.blue[i];
                float max = Math.max(r, Math.max(g, b));
                float min = Math.min(r, Math.min(g, b));

                lumaSum += image.luma[i];
                saturationSum += max <= 0f ? 0f : (max - min) / max;
                counts[ColorName.of(r, g, b).ordinal()]++;

                // Texture: luma steps to the right and downwards, inside the region only.
                if (x + 1 < x1) {
                    stepSum += Math.abs(image.luma[i + 1] - image.luma[i]);
                    steps++;
                }
                if (y + 1 < y1) {
                    stepSum += Math.abs(image.luma[i + image.width] - image.luma[i]);
                    steps++;
                }
            }
        }

        int pixels = box.width * box.height;
        List<ColorShare> shares = new ArrayList<>();
        for (ColorName name : ColorName.values()) {
            double share = counts[name.ordinal()] / (double) pixels;
            if (share >= MIN_COLOR_SHARE) {
                shares.add(new ColorShare(name, share));
            }
        }
        if (shares.isEmpty()) {
            // A region split among many colors: name the most frequent one anyway.
            ColorName top = ColorName.values()[0];
            for (ColorName name : ColorName.values()) {
                if (counts[name.ordinal()] > counts[top.ordinal()]) {
                    top = name;
                }
            }
            shares.add(new ColorShare(top, counts[top.ordinal()] / (double) pixels));
        }
        shares.sort(Comparator.comparingDouble(ColorShare::share).reversed()
                .thenComparing(s -> s.color().ordinal()));

        return new RegionStats(
                lumaSum / pixels,
                saturationSum / pixels,
                steps == 0 ? 0 : stepSum / steps,
                List.copyOf(shares));
    }
}
