package dev.vipoutpaint.outpaint;

import dev.vipoutpaint.caption.SpacePrompts;
import java.awt.image.BufferedImage;

/**
 * Everything the engine needs for one job.
 *
 * @param jobId for log lines
 * @param source the decoded input image, EXIF orientation already applied
 * @param userMask optional mask in input pixels, white = generate; null when none
 * @param canvas the output canvas
 * @param prompts the three prompts and the negative text
 * @param sampling sampler settings
 */
public record OutpaintTask(
        String jobId,
        BufferedImage source,
        BufferedImage userMask,
        CanvasSpec canvas,
        SpacePrompts prompts,
        SamplingSpec sampling) {
}
