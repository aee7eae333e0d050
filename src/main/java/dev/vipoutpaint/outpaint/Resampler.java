package dev.vipoutpaint.outpaint;

/**
 * Separable resampling with a triangle (bilinear) kernel widened by the scale factor when
 * shrinking, so downscaling averages every source pixel instead of skipping some (the same idea
 * as Pillow's antialiased bilinear filter). Pixel centers are aligned as in image libraries:
 * source coordinate = (destination + 0.5) · scale − 0.5.
 */
public final class Resampler {

    private Resampler() {
    }

    public static Planes resize(Planes source, int width, int height) {
        if (source.width() == width && source.height() == height) {
            return new Planes(source.channels(), width, height, source.data().clone());
        }
        Planes horizontal = resizeAxis(source, width, source.height(), true);
        return resizeAxis(horizontal, width, height, false);
    }

    private static Planes resizeAxis(Planes source, int width, int height, boolean alongX) {
        int sourceLength = alongX ? source.width() : source.height();
        int targetLength = alongX ? width : height;
        Weights weights = Weights.of(sourceLength, targetLength);
        Planes target = Planes.zeros(source.channels(), width, height);
        int lines = alongX ? height : width;

        for (int c = 0; c < source.channels(); c++) {
            for (int line = 0; line < lines; line++) {
                for (int i = 0; i < targetLength; i++) {
                    double sum = 0;
                    for (int k = 0; k < weights.count[i]; k++) {
                        int s = weights.first[i] + k;
                        float value = alongX ? source.get(c, s, line) : source.get(c, line, s);
                        sum += weights.values[i][k] * value;
                    }
                    if (alongX) {
                        target.set(c, i, line, (float) sum);
                    } else {
                        target.set(c, line, i, (float) sum);
                    }
                }
            }
        }
        return target;
    }

    /** Normalized kernel weights for every target position along one axis. */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final double[][] values;

        private Weights(int targetLength) {
            first = new int[targetLength];
            count = new int[targetLength];
            values = new double[targetLength][];
        }

        static Weights of(int sourceLength, int targetLength) {
            double scale = (double) sourceLength / targetLength;
            double support = Math.max(1.0, scale);
            Weights weights = new Weights(targetLength);

            for (int i = 0; i < targetLength; i++) {
                double center = (i + 0.5) * scale - 0.5;
                int from = Math.max(0, (int) Math.floor(center - support));
                int to = Math.min(sourceLength - 1, (int) Math.ceil(center + support));
                double[] row = new double[to - from + 1];
                double total = 0;
                for (int s = from; s <= to; s++) {
                    double w = Math.max(0, 1 - Math.abs(s - center) / support);
                    row[s - from] = w;
                    total += w;
                }
                if (total == 0) {
                    // Only possible at the very edge when support is 1 and center lands past the last pixel.
                    int nearest = Math.min(sourceLength - 1, Math.max(0, (int) Math.round(center)));
                    row = new double[] {1};
                    from = nearest;
                    total = 1;
                }
                for (int k = 0; k < row.length; k++) {
                    row[k] /= total;
                }
                weights.first[i] = from;
                weights.count[i] = row.length;
                weights.values[i] = row;
            }
            return weights;
        }
    }
}
