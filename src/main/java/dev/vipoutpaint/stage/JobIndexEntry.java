package dev.vipoutpaint.stage;

/**
 * The object {@code <vip.jobs.index-prefix><jobId>.json}: it points from a job id to the job's
 * {@code result.json}, wherever the request's {@code output.keyPrefix} put it. The worker writes
 * it just before the manifest, so every completed job has one. The gateway reads it to find jobs
 * it has no events of, with two reads at most and no listing.
 *
 * @param jobId the job this entry belongs to
 * @param manifest the job's {@code result.json} as {@code s3://bucket/key}
 */
public record JobIndexEntry(String jobId, String manifest) {

    /** Returns the key of the job's index entry: {@code indexPrefix + jobId + ".json"}. */
    public static String key(String indexPrefix, String jobId) {
        String prefix = indexPrefix.isEmpty() || indexPrefix.endsWith("/") ? indexPrefix : indexPrefix + "/";
        return prefix + jobId + ".json";
    }
}
