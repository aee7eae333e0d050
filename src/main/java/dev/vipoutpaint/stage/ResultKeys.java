package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.OutpaintRequested;

/**
 * Object keys of a job's results, all derived from its jobId: {@code <prefix><jobId>/image-<i>.<ext>}
 * and the manifest {@code <prefix><jobId>/result.json}. The prefix is the request's
 * {@code output.keyPrefix} or {@code vip.storage.result-prefix}.
 */
public record ResultKeys(String folder) {

    public static final String MANIFEST_NAME = "result.json";

    public static ResultKeys of(OutpaintRequested request, String defaultPrefix) {
        String prefix = request.output() != null && request.output().keyPrefix() != null
                ? request.output().keyPrefix()
                : defaultPrefix;
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new ResultKeys(prefix + request.jobId() + "/");
    }

    public String manifest() {
        return folder + MANIFEST_NAME;
    }

    /** Key of image {@code index} (from 0) with the file extension {@code png} or {@code jpg}. */
    public String image(int index, String extension) {
        return folder + "image-" + index + "." + extension;
    }
}
