package dev.vipoutpaint.outpaint.stage;

import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.outpaint.OutpaintCancelledException;
import dev.vipoutpaint.outpaint.StepListener;
import dev.vipoutpaint.stage.EventPublisher;
import java.time.Instant;

/**
 * Step listener of one job: writes a progress event every {@code everySteps} steps and at each
 * image's last step, counts steps, and stops the job once its deadline has passed.
 *
 * <p>Called on the GPU slot thread that runs the job.
 */
final class ProgressReporter implements StepListener {

    private final String jobId;
    private final int numImages;
    private final int everySteps;
    private final long deadlineNanos;
    private final EventPublisher publisher;
    private int stepsDone;

    ProgressReporter(String jobId, int numImages, int everySteps, long deadlineNanos, EventPublisher publisher) {
        this.jobId = jobId;
        this.numImages = numImages;
        this.everySteps = everySteps;
        this.deadlineNanos = deadlineNanos;
        this.publisher = publisher;
    }

    @Override
    public void onStep(int imageIndex, int step, int totalSteps) {
        stepsDone++;
        if (step % everySteps == 0 || step == totalSteps) {
            double percent = 100.0 * (imageIndex * totalSteps + step) / ((double) numImages * totalSteps);
            publisher.progress(new OutpaintProgress(
                    jobId, Stage.WORKER, "denoising", imageIndex, numImages, step, totalSteps,
                    Math.round(percent * 10) / 10.0, Instant.now()));
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new OutpaintCancelledException("job " + jobId + " passed vip.worker.job-timeout at step " + step
                    + " of " + totalSteps);
        }
    }

    /** Denoising steps finished so far, over all images. */
    int stepsDone() {
        return stepsDone;
    }
}
