package dev.vipoutpaint.outpaint;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Output of one job.
 *
 * @param images the composited outputs at full resolution, one per requested image
 * @param warnings notes for the user, for example words a closed-vocabulary model does not know
 * @param timingsMillis wall time per phase (for example {@code encode}, {@code denoise},
 *     {@code decode}, {@code composite})
 */
public record OutpaintResult(
        List<BufferedImage> images, List<String> warnings, Map<String, Long> timingsMillis) {
}
