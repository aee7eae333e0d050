package dev.vipoutpaint.caption.dataset;

import java.awt.Rectangle;

/** Center boxes for describe mode when the caller gives a fraction rather than pixels. */
public final class CenterBoxes {

    /** Default side fraction: the centered box of 2/3 of each side leaves a 1/6 ring on every side. */
    public static final double DEFAULT_SIDE_FRACTION = 2.0 / 3.0;

    private CenterBoxes() {
    }

    /**
     * Returns the box centered in a {@code widthPx} x {@code heightPx} image whose sides are
     * {@code sideFraction} of the image's sides, rounded to whole pixels.
     */
    public static Rectangle centered(int widthPx, int heightPx, double sideFraction) {
        requireValidFraction(sideFraction);
        int boxWidth = Math.max(1, (int) Math.round(widthPx * sideFraction));
        int boxHeight = Math.max(1, (int) Math.round(heightPx * sideFraction));
        return new Rectangle((widthPx - boxWidth) / 2, (heightPx - boxHeight) / 2, boxWidth, boxHeight);
    }

    /** Rejects fractions outside (0, 1), which would leave no center or no ring. */
    public static void requireValidFraction(double sideFraction) {
        if (!(sideFraction > 0.0 && sideFraction < 1.0)) {
            throw new IllegalArgumentException(
                    "center box side fraction must be between 0 and 1 (exclusive), got " + sideFraction);
        }
    }
}
