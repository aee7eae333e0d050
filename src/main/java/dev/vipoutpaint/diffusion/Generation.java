package dev.vipoutpaint.diffusion;

import java.util.List;
import java.util.Map;

/**
 * Output of {@link DiffusionPipeline#generate}.
 *
 * @param images decoded images, each float32 {@code [3, height, width]} row-major, RGB clamped to [-1, 1]
 * @param warnings notes for the user, such as words a closed vocabulary does not know
 * @param timingsMillis wall time of {@code encode}, {@code denoise} and {@code decode}
 */
public record Generation(List<float[]> images, List<String> warnings, Map<String, Long> timingsMillis) {
}
