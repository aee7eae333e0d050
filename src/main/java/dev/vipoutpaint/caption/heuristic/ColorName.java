package dev.vipoutpaint.caption.heuristic;

/**
 * The fixed color vocabulary of the heuristic captioner.
 *
 * <p>A pixel is named from its HSV value: first by lightness and saturation (black, white,
 * gray shades), then by hue in 30-degree-wide sectors. Brown and beige are dark or pale
 * oranges and yellows, as people name them. The thresholds were chosen by looking at
 * landscape photos; they are a vocabulary, not a colorimetric standard.
 */
enum ColorName {
    BLACK("black"),
    DARK_GRAY("dark gray"),
    GRAY("gray"),
    LIGHT_GRAY("light gray"),
    WHITE("white"),
    RED("red"),
    ORANGE("orange"),
    BROWN("brown"),
    BEIGE("beige"),
    YELLOW("yellow"),
    OLIVE("olive green"),
    GREEN("green"),
    TEAL("teal"),
    LIGHT_BLUE("light blue"),
    BLUE("blue"),
    DARK_BLUE("dark blue"),
    PURPLE("purple"),
    PINK("pink");

    final String word;

    ColorName(String word) {
        this.word = word;
    }

    /** True for the achromatic names (black, grays, white). */
    boolean isNeutral() {
        return this == BLACK || this == DARK_GRAY || this == GRAY || this == LIGHT_GRAY || this == WHITE;
    }

    boolean isBlueish() {
        return this == TEAL || this == LIGHT_BLUE || this == BLUE || this == DARK_BLUE;
    }

    boolean isGreenish() {
        return this == GREEN || this == OLIVE;
    }

    boolean isWarm() {
        return this == RED || this == ORANGE || this == YELLOW || this == PINK;
    }

    boolean isEarthy() {
        return this == BROWN || this == BEIGE || this == OLIVE || this == YELLOW || this == ORANGE;
    }

    /** Names one sRGB pixel with channels in 0..1. */
    static ColorName of(float red, float green, float blue) {
        float max = Math.max(red, Math.max(green, blue));
        float min = Math.min(red, Math.min(green, blue));
        float value = max;
        float saturation = max <= 0f ? 0f : (max - min) / max;

        // Achromatic first: very dark pixels have no reliable hue, weakly saturated ones read as gray.
        if (value < 0.12f) {
            return BLACK;
        }
        if (saturation < 0.10f || (saturation < 0.16f && value > 0.80f)) {
            if (value > 0.85f) {
                return WHITE;
            }
            if (value > 0.62f) {
                return LIGHT_GRAY;
            }
            return value > 0.32f ? GRAY : DARK_GRAY;
        }

        float hueDegrees = hueDegrees(red, green, blue, max, min);
        if (hueDegrees < 15f || hueDegrees >= 340f) {
            return value < 0.45f ? BROWN : (saturation < 0.45f ? PINK : RED);
        }
        if (hueDegrees < 45f) {
            if (value < 0.55f) {
                return BROWN;
            }
            return saturation < 0.40f ? BEIGE : ORANGE;
        }
        if (hueDegrees < 70f) {
            if (value < 0.45f) {
                return saturation < 0.5f ? BROWN : OLIVE;
            }
            return saturation < 0.40f ? BEIGE : YELLOW;
        }
        if (hueDegrees < 85f) {
            return OLIVE;
        }
        if (hueDegrees < 160f) {
            return GREEN;
        }
        if (hueDegrees < 190f) {
            return TEAL;
        }
        if (hueDegrees < 250f) {
            if (value < 0.40f) {
                return DARK_BLUE;
            }
            return saturation < 0.45f ? LIGHT_BLUE : BLUE;
        }
        if (hueDegrees < 300f) {
            return PURPLE;
        }
        return PINK;
    }

    private static float hueDegrees(float red, float green, float blue, float max, float min) {
        float delta = max - min;
        float hue;
        if (max == red) {
            hue = 60f * (((green - blue) / delta) % 6f);
        } else if (max == green) {
            hue = 60f * (((blue - red) / delta) + 2f);
        } else {
            hue = 60f * (((red - green) / delta) + 4f);
        }
        return hue < 0f ? hue + 360f : hue;
    }
}
