package dev.vipoutpaint.outpaint;

/**
 * A float image stored plane by plane ({@code [channels, height, width]}), values in 0..255 for
 * colors and 0..1 for masks.
 */
public record Planes(int channels, int width, int height, float[] data) {

    public static Planes zeros(int channels, int width, int height) {
        return new Planes(channels, width, height, new float[channels * width * height]);
    }

    public float get(int channel, int x, int y) {
        return data[(channel * height + y) * width + x];
    }

    public void set(int channel, int x, int y, float value) {
        data[(channel * height + y) * width + x] = value;
    }

    public int planeSize() {
        return width * height;
    }
}
