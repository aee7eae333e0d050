package dev.vipoutpaint.api;

import java.time.Instant;
import java.util.Map;

/**
 * Data of {@code dev.vipoutpaint.outpaint.prompted.v1}: a request with its prompts decided.
 *
 * @param request the original request, unchanged
 * @param prompts the prompts the worker must use
 * @param timingsMillis wall time of the captioning phases, in milliseconds
 * @param promptedAt when the captioner finished
 */
public record OutpaintPrompted(
        String jobId,
        OutpaintRequested request,
        UsedPrompts prompts,
        Map<String, Long> timingsMillis,
        Instant promptedAt) {
}
