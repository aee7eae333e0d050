package dev.vipoutpaint.outpaint;

/**
 * The size the model runs at for a canvas: the canvas aspect ratio scaled to about the bundle's
 * working area (width × height), each side rounded to the nearest multiple of {@code multipleOf}.
 *
 * <p>Matching the area rather than fitting inside the working box keeps wide canvases at the
 * pixel count the model was trained with. Small canvases are scaled up for the same reason.
 */
public record WorkingSize(int width, int height) {

    public static WorkingSize fit(int canvasWidth, int canvasHeight, int modelWidth, int modelHeight, int multipleOf) {
        double scale = Math.sqrt((double) modelWidth * modelHeight / ((double) canvasWidth * canvasHeight));
        return new WorkingSize(
                roundToMultiple(canvasWidth * scale, multipleOf), roundToMultiple(canvasHeight * scale, multipleOf));
    }

    private static int roundToMultiple(double length, int multipleOf) {
        long multiples = Math.round(length / multipleOf);
        return (int) Math.max(1, multiples) * multipleOf;
    }
}
