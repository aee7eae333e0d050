package dev.vipoutpaint.caption.heuristic;

import java.util.Objects;

/**
 * Turns region statistics into a short noun phrase from a fixed vocabulary.
 *
 * <p>Scene words, with the rule that picks each (first match wins, per placement):
 * <ul>
 *   <li>top: {@code night sky} (brightness below 0.12), {@code clear blue sky} or {@code blue sky}
 *       (blue shades cover 40 % and the region is smooth), {@code pale hazy sky} or
 *       {@code white clouds} (white and light gray cover 40 %, bright), {@code overcast gray sky}
 *       or {@code dark storm clouds} (gray shades cover 50 %), {@code warm sunset sky} (red,
 *       orange, yellow or pink cover 40 %, soft), {@code green foliage} (green, not smooth);</li>
 *   <li>bottom: {@code calm blue water} (blue shades cover 40 %, soft, brightness 0.25 or more), {@code snow}
 *       (white covers 50 %), {@code still gray water} (gray shades cover 60 %, very smooth,
 *       mid brightness), {@code green grass} or {@code green meadow} (green covers 40 %,
 *       texture above 0.03 or not), {@code dry grass} or {@code sand} (earth colors cover 40 %,
 *       texture above 0.03 or not), {@code rocks and gravel} (gray and textured), {@code dark ground};</li>
 *   <li>middle, left and right: {@code green foliage} (green, not smooth), {@code distant
 *       hills} (dark gray or dark blue, smooth), {@code hazy horizon} (light gray or white, smooth),
 *       {@code open sky} (blue, smooth, left or right only).</li>
 * </ul>
 * Anything else is named by texture and its main colors, for example {@code textured brown and
 * green area}. Texture words: {@code smooth} (below 0.02), {@code soft} (below 0.05),
 * {@code textured} (below 0.10), {@code detailed} (0.10 and above).
 */
final class SceneVocabulary {

    static final double SMOOTH = 0.02;
    static final double SOFT = 0.05;
    static final double TEXTURED = 0.10;
    /** Texture above which green or earth-colored ground reads as grass blades rather than a lawn or sand. */
    static final double BLADES = 0.03;
    /** Brightness below which a blue upper region is a storm sky rather than a daylight one. */
    static final double DAYLIGHT_SKY = 0.55;

    private SceneVocabulary() {
    }

    /** Names a region as a scene element, or by its colors and texture when no rule fits. */
    static String phrase(RegionStats stats, Placement placement) {
        String scene = switch (placement) {
            case TOP -> upperScene(stats);
            case BOTTOM -> lowerScene(stats);
            case MIDDLE, LEFT, RIGHT -> sideScene(stats, placement);
        };
        return Objects.requireNonNullElseGet(scene, () -> colorPhrase(stats));
    }

    /** Returns a brightness word for a whole picture, or an empty string for mid-range brightness. */
    static String brightnessWord(double brightness) {
        if (brightness < 0.25) {
            return "dark";
        }
        if (brightness < 0.42) {
            return "dim";
        }
        return brightness > 0.68 ? "bright" : "";
    }

    static String textureWord(double texture) {
        if (texture < SMOOTH) {
            return "smooth";
        }
        if (texture < SOFT) {
            return "soft";
        }
        return texture < TEXTURED ? "textured" : "detailed";
    }

    private static String upperScene(RegionStats s) {
        if (s.brightness() < 0.12) {
            return "night sky";
        }
        if (s.shareOf(ColorName::isBlueish) >= 0.4 && s.texture() < SOFT) {
            if (s.brightness() < DAYLIGHT_SKY) {
                return "dark stormy sky";
            }
            return s.texture() < SMOOTH ? "clear blue sky" : "blue sky";
        }
        if (s.shareOf(c -> c == ColorName.WHITE || c == ColorName.LIGHT_GRAY) >= 0.4 && s.brightness() >= 0.6) {
            return s.texture() < SMOOTH ? "pale hazy sky" : "white clouds";
        }
        if (s.shareOf(c -> c == ColorName.GRAY || c == ColorName.DARK_GRAY) >= 0.5) {
            return s.texture() < SOFT ? "overcast gray sky" : "dark storm clouds";
        }
        if (s.shareOf(ColorName::isWarm) >= 0.4 && s.texture() < SOFT) {
            return "warm sunset sky";
        }
        if (s.shareOf(ColorName::isGreenish) >= 0.4 && s.texture() >= SMOOTH) {
            return "green foliage";
        }
        return null;
    }

    private static String lowerScene(RegionStats s) {
        if (s.shareOf(ColorName::isBlueish) >= 0.4 && s.texture() < SOFT && s.brightness() >= 0.25) {
            return "calm blue water";
        }
        if (s.shareOf(c -> c == ColorName.WHITE) >= 0.5) {
            return "snow";
        }
        // A level, featureless gray band under the horizon is most often water reflecting a pale sky.
        if (s.shareOf(ColorName::isNeutral) >= 0.6 && s.texture() < SMOOTH
                && s.brightness() >= 0.3 && s.brightness() <= 0.85) {
            return "still gray water";
        }
        if (s.shareOf(ColorName::isGreenish) >= 0.4) {
            return s.texture() >= BLADES ? "green grass" : "green meadow";
        }
        if (s.shareOf(ColorName::isEarthy) >= 0.4) {
            return s.texture() >= BLADES ? "dry grass" : "sand";
        }
        if (s.shareOf(ColorName::isNeutral) >= 0.6 && s.texture() >= SOFT) {
            return "rocks and gravel";
        }
        if (s.brightness() < 0.2) {
            return "dark ground";
        }
        return null;
    }

    private static String sideScene(RegionStats s, Placement placement) {
        if (s.shareOf(ColorName::isGreenish) >= 0.4 && s.texture() >= SMOOTH) {
            return "green foliage";
        }
        if (s.shareOf(c -> c == ColorName.DARK_GRAY || c == ColorName.DARK_BLUE) >= 0.5 && s.texture() < SOFT) {
            return "distant hills";
        }
        if (s.shareOf(c -> c == ColorName.WHITE || c == ColorName.LIGHT_GRAY) >= 0.5 && s.texture() < SMOOTH) {
            return "hazy horizon";
        }
        if (placement != Placement.MIDDLE && s.shareOf(ColorName::isBlueish) >= 0.5 && s.texture() < SMOOTH) {
            return "open sky";
        }
        return null;
    }

    private static String colorPhrase(RegionStats s) {
        StringBuilder phrase = new StringBuilder(textureWord(s.texture())).append(' ');
        phrase.append(s.colors().get(0).color().word);
        if (s.colors().size() > 1) {
            phrase.append(" and ").append(s.colors().get(1).color().word);
        }
        return phrase.append(" area").toString();
    }
}
