package dev.vipoutpaint.outpaint.stage;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.InvalidEventException;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.config.Channels;
import dev.vipoutpaint.stage.EventPublisher;
import dev.vipoutpaint.stage.Failures;
import dev.vipoutpaint.stage.IncomingEvents;
import dev.vipoutpaint.stage.JobFailure;
import dev.vipoutpaint.stage.RequestValidator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * GPU worker stage: reads {@code prompted} events and writes {@code completed} or
 * {@code failed} events.
 *
 * <p>One job per GPU slot: the channel has {@code concurrency = vip.worker.slots} consumers with
 * {@code max.poll.records=1}, and this method runs on the {@value #SLOT_POOL} worker pool of
 * that many threads, never on the event loop.
 */
@ApplicationScoped
@IfBuildProperty(name = "vip.build.worker", stringValue = "true", enableIfMissing = true)
public class WorkerStage {

    /** Worker pool of the GPU slots; its size is set from vip.worker.slots. */
    public static final String SLOT_POOL = "vip-gpu-slots";

    private static final Logger LOG = Logger.getLogger(WorkerStage.class);

    /** Bound of the wait for an acknowledgement, which only marks the offset for the next commit. */
    static final long ACK_WAIT_SECONDS = 30;

    @Inject
    OutpaintJobRunner runner;

    @Inject
    EventPublisher publisher;

    @Inject
    WorkerMetrics metrics;

    @Inject
    WorkerDrain drain;

    /** Runs on a GPU slot thread; acknowledges after the completed or failed event is written. */
    @Incoming(Channels.PROMPTED_IN)
    @Blocking(SLOT_POOL)
    public CompletionStage<Void> onPrompted(Message<byte[]> message) {
        OutpaintPrompted prompted;
        try {
            prompted = IncomingEvents.decode(message, EventType.PROMPTED, OutpaintPrompted.class);
            if (prompted.request() == null || !RequestValidator.isValidJobId(prompted.jobId())
                    || !prompted.jobId().equals(prompted.request().jobId()) || prompted.prompts() == null) {
                throw new InvalidEventException("prompted event needs a valid jobId equal to request.jobId and"
                        + " prompts; got jobId '" + prompted.jobId() + "'");
            }
        } catch (InvalidEventException e) {
            LOG.errorf("Record %s is not a readable prompted event (%s); sending it to the dead-letter topic",
                    IncomingEvents.position(message), e.getMessage());
            return message.nack(e);
        }

        if (!drain.tryStart()) {
            LOG.infof("jobId=%s: draining, record %s left uncommitted for the next worker",
                    prompted.jobId(), IncomingEvents.position(message));
            return CompletableFuture.completedFuture(null);
        }
        try {
            handle(prompted, IncomingEvents.queueWait(message));

            // Acknowledge while the job still counts as running: the shutdown drain waits for
            // running jobs, so the offset is marked for commit before the connector closes.
            return acknowledge(message, prompted.jobId());
        } finally {
            drain.finished();
        }
    }

    /** Acknowledges on the GPU slot thread and waits, at most {@value #ACK_WAIT_SECONDS} s, until the ack is done. */
    private static CompletionStage<Void> acknowledge(Message<byte[]> message, String jobId) {
        CompletableFuture<Void> ack = message.ack().toCompletableFuture();
        try {
            ack.get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("jobId=%s: acknowledging record %s did not finish (%s); if its offset stays uncommitted,"
                    + " the job is delivered again and its completion re-published from result.json",
                    jobId, IncomingEvents.position(message), e.toString());
        }
        return ack;
    }

    private void handle(OutpaintPrompted prompted, Duration queueWait) {
        long startNanos = System.nanoTime();
        metrics.queueWait(queueWait);
        String jobId = prompted.jobId();
        LOG.infof("jobId=%s: started after %d ms in the queue", jobId, queueWait.toMillis());
        try {
            metrics.job(runner.run(prompted, queueWait));
        } catch (JobFailure failure) {
            LOG.warnf("jobId=%s: failed with %s: %s", jobId, failure.code(), failure.getMessage());
            publisher.failed(Failures.of(jobId, Stage.WORKER, failure));
            metrics.job(WorkerMetrics.Outcome.FAILED);
        } catch (RuntimeException e) {
            LOG.errorf(e, "jobId=%s: failed unexpectedly; writing a failed event MODEL_ERROR", jobId);
            publisher.failed(Failures.of(jobId, Stage.WORKER, ErrorCode.MODEL_ERROR,
                    "the worker failed unexpectedly: " + e, false));
            metrics.job(WorkerMetrics.Outcome.FAILED);
        } finally {
            metrics.stageLatency(Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
