package dev.vipoutpaint.diffusion;

/** Numeric helpers that reproduce numpy's results bit for bit where schedulers depend on them. */
final class Timesteps {

    private Timesteps() {
    }

    /** {@code numpy.linspace(start, stop, num)} with the endpoint, computed as numpy does: {@code i * step + start}. */
    static double[] linspace(double start, double stop, int num) {
        double[] values = new double[num];
        if (num == 1) {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            values[i] = i * step + start;
        }
        values[num - 1] = stop;
        return values;
    }

    /** {@code numpy.round}: halves go to the even neighbour. */
    static long roundHalfEven(double value) {
        return (long) Math.rint(value);
    }

    static int[] reversed(int[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }
}
