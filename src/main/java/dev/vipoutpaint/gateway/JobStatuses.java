package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.api.Stage;
import java.time.Instant;
import java.util.List;

/**
 * Computes a job's next status from its current one and one event.
 *
 * <p>The events come from four topics, so their order between topics is not guaranteed: a progress
 * event may arrive after the completion. A terminal status therefore only changes on another
 * terminal event (a redelivered job completes again), never on progress.
 */
final class JobStatuses {

    private JobStatuses() {
    }

    static JobStatus prompted(JobStatus current, OutpaintPrompted event) {
        if (current.status().isTerminal()) {
            return current;
        }
        JobState state = current.status() == JobState.RUNNING ? JobState.RUNNING : JobState.PROMPTED;
        return new JobStatus(current.jobId(), state, Stage.CAPTIONER, "captioned", current.percent(),
                current.step(), current.totalSteps(), event.prompts(), current.results(), null, null,
                null, null, null, event.promptedAt(), null);
    }

    static JobStatus progress(JobStatus current, OutpaintProgress event) {
        if (current.status().isTerminal()) {
            return current;
        }
        JobState state = event.stage() == Stage.WORKER ? JobState.RUNNING : current.status();
        return new JobStatus(current.jobId(), state, event.stage(), event.phase(), event.percent(),
                event.step(), event.totalSteps(), current.prompts(), current.results(), null, null,
                null, null, null, event.at(), null);
    }

    static JobStatus completed(JobStatus current, OutpaintCompleted event) {
        return new JobStatus(current.jobId(), JobState.COMPLETED, Stage.WORKER, "completed", 100.0,
                current.step(), current.totalSteps(), event.prompts(), List.copyOf(event.results()),
                event.width(), event.height(), event.model(), event.sampling(), null,
                event.completedAt(), null);
    }

    static JobStatus failed(JobStatus current, OutpaintFailed event) {
        JobStatus.JobError error = new JobStatus.JobError(
                event.stage(), event.code(), event.message(), event.retryable());
        return new JobStatus(current.jobId(), JobState.FAILED, event.stage(), "failed", current.percent(),
                current.step(), current.totalSteps(), current.prompts(), List.of(), null, null,
                null, null, error, event.failedAt(), null);
    }

    /** Returns a fresh queued status; a repeated submission of a finished job starts over. */
    static JobStatus queued(String jobId, Instant at) {
        return JobStatus.queued(jobId, at);
    }
}
