package dev.vipoutpaint.gateway;

import dev.vipoutpaint.gateway.JobTracker.JobUpdate;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Opens per-job streams of status changes for server-sent events. */
@ApplicationScoped
public class JobEventStreams {

    @Inject
    JobTracker tracker;

    @Inject
    GatewayConfig config;

    /**
     * Returns a stream that starts with {@code current} and then carries each change of the job
     * until it completes or fails, or until {@code vip.gateway.event-stream-timeout} has passed.
     * The tracker listener is removed when the stream ends or the client goes away.
     */
    public Multi<JobUpdate> open(JobStatus current) {
        String jobId = current.jobId();
        Multi<JobUpdate> updates = Multi.createFrom().emitter(emitter -> {
            // Listen first, then send the snapshot, so no change between the two is lost.
            JobTracker.Registration registration = tracker.listen(jobId, update -> {
                emitter.emit(update);
                if (update.status().status().isTerminal()) {
                    emitter.complete();
                }
            });
            emitter.onTermination(registration::close);

            JobStatus latest = tracker.find(jobId).orElse(current);
            emitter.emit(new JobUpdate("status", latest));
            if (latest.status().isTerminal()) {
                emitter.complete();
            }
        });
        return updates.select().first(config.eventStreamTimeout());
    }
}
