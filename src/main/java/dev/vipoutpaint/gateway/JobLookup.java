package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.InvalidEventException;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.ResultImage;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.stage.JobIndexEntry;
import dev.vipoutpaint.stage.RequestValidator;
import dev.vipoutpaint.stage.ResultKeys;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds a job's status: first in this process' {@link JobTracker}, then, for jobs this process has
 * not seen (submitted before a restart or through another gateway), in the {@code result.json}
 * manifest the worker stores beside the results, found through the job's index entry.
 *
 * <p>Blocks on the store, so it runs on worker threads.
 */
@ApplicationScoped
public class JobLookup {

    private static final Logger LOG = Logger.getLogger(JobLookup.class);

    @Inject
    JobTracker tracker;

    @Inject
    ObjectStore store;

    @Inject
    VipConfig config;

    @Inject
    StorageConfig storageConfig;

    /**
     * Returns the job's status with fresh presigned URLs.
     *
     * @throws GatewayException 400 for a malformed id, 404 when neither this process nor the
     *     store has a record of the job
     */
    public JobStatus require(String jobId) {
        if (!RequestValidator.isValidJobId(jobId)) {
            throw GatewayException.invalid("jobId", jobId, "1..128 of A-Z a-z 0-9 . _ -",
                    "jobId must be 1..128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, got '"
                            + jobId + "'");
        }
        JobStatus status = tracker.find(jobId)
                .or(() -> fromManifest(jobId))
                .orElseThrow(() -> new GatewayException(404, new ApiError(ErrorCode.NOT_FOUND.name(), "jobId", jobId,
                        null, "job " + jobId + " is not known: this gateway has no events of it and the store has no "
                                + "result.json for it; a job submitted through another gateway shows up here once it "
                                + "completes")));
        return withFreshUrls(status);
    }

    /**
     * Reads the manifest of a completed job and caches its status in the tracker. The job's index
     * entry names the manifest, wherever {@code output.keyPrefix} put it. Jobs completed before
     * the index existed have none, and their manifest is looked up under the result prefix.
     */
    private Optional<JobStatus> fromManifest(String jobId) {
        String key = manifestKeyFromIndex(jobId)
                .orElseGet(() -> new ResultKeys(config.jobs().resultPrefix() + jobId + "/").manifest());
        Optional<byte[]> manifest = store.get(key);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }

        OutpaintCompleted completed;
        try {
            completed = EventCodec.fromJson(manifest.get(), OutpaintCompleted.class);
        } catch (InvalidEventException e) {
            LOG.warnf("jobId=%s: %s is unreadable (%s), so the job counts as unknown", jobId, key, e.getMessage());
            return Optional.empty();
        }
        if (!jobId.equals(completed.jobId())) {
            LOG.warnf("jobId=%s: %s belongs to job %s, so the job counts as unknown", jobId, key, completed.jobId());
            return Optional.empty();
        }
        LOG.debugf("jobId=%s: status read from %s", jobId, key);
        return Optional.of(tracker.update(jobId, "completed", current -> JobStatuses.completed(current, completed)));
    }

    /** Returns the manifest key the job's index entry names; empty when there is no usable entry. */
    private Optional<String> manifestKeyFromIndex(String jobId) {
        String indexKey = JobIndexEntry.key(config.jobs().indexPrefix(), jobId);
        Optional<byte[]> bytes = store.get(indexKey);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }

        try {
            JobIndexEntry entry = EventCodec.fromJson(bytes.get(), JobIndexEntry.class);
            ObjectRef manifest = ObjectRef.parse(entry.manifest());
            if (!jobId.equals(entry.jobId()) || !manifest.bucket().equals(store.bucket())) {
                LOG.warnf("jobId=%s: %s names job %s and manifest %s, not one of this job in bucket %s; ignoring it",
                        jobId, indexKey, entry.jobId(), entry.manifest(), store.bucket());
                return Optional.empty();
            }
            return Optional.of(manifest.key());
        } catch (InvalidEventException | IllegalArgumentException e) {
            LOG.warnf("jobId=%s: %s is unreadable (%s); looking under the result prefix instead",
                    jobId, indexKey, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Presigns the result URLs again, because URLs in events and manifests expire. Signing is local
     * to the client, so this costs no round trip. Stores that cannot presign keep the URL null.
     */
    private JobStatus withFreshUrls(JobStatus status) {
        if (status.results() == null || status.results().isEmpty()) {
            return status;
        }
        List<ResultImage> results = status.results().stream()
                .map(result -> new ResultImage(result.ref(), presign(result.ref()).orElse(result.url()),
                        result.width(), result.height(), result.contentType()))
                .toList();
        return new JobStatus(status.jobId(), status.status(), status.stage(), status.phase(), status.percent(),
                status.step(), status.totalSteps(), status.prompts(), results, status.width(), status.height(),
                status.model(), status.sampling(), status.error(), status.updatedAt(), status.resultUrl());
    }

    private Optional<String> presign(String reference) {
        try {
            ObjectRef ref = ObjectRef.parse(reference);
            if (!ref.bucket().equals(store.bucket())) {
                return Optional.empty();
            }
            return store.presignedGetUrl(ref.key(), storageConfig.presignExpiry());
        } catch (RuntimeException e) {
            LOG.warnf("Could not presign %s, keeping the stored URL: %s", reference, e.getMessage());
            return Optional.empty();
        }
    }
}
