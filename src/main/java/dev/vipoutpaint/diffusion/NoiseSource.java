package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Seeded standard-normal noise drawn on the JVM, so the same seed gives the same noise on every
 * device and engine build. {@link Random#nextGaussian()} is specified exactly by the JDK.
 */
public final class NoiseSource {

    private final Random random;

    public NoiseSource(long seed) {
        this.random = new Random(seed);
    }

    /** The next {@code shape.size()} samples, in row-major order, as a float32 array. */
    public NDArray gaussian(NDManager manager, Shape shape) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("noise shape " + shape + " is too large");
        }
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }
}
