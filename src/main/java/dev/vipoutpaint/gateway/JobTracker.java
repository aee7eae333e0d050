package dev.vipoutpaint.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The live status of recent jobs in this process, fed by the job events, plus the listeners of
 * open event streams.
 *
 * <p>Thread-safe. The Kafka listener calls {@link #update} on the connector's event-loop thread,
 * REST calls come from worker threads. Listeners run on the updating thread, after the lock is
 * released, and must not block.
 */
@ApplicationScoped
public class JobTracker {

    private static final Logger LOG = Logger.getLogger(JobTracker.class);

    /** A status change of one job, sent to event stream listeners. */
    public record JobUpdate(String event, JobStatus status) {
    }

    private final Map<String, JobStatus> jobs;
    private final Map<String, List<Consumer<JobUpdate>>> listeners = new ConcurrentHashMap<>();

    @Inject
    public JobTracker(GatewayConfig config) {
        int maxJobs = config.maxTrackedJobs();
        if (maxJobs < 1) {
            throw new IllegalArgumentException("vip.gateway.max-tracked-jobs must be 1 or more, got " + maxJobs);
        }
        // Access order, so the least recently used job is evicted first.
        this.jobs = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JobStatus> eldest) {
                return size() > maxJobs;
            }
        };
    }

    public Optional<JobStatus> find(String jobId) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(jobId));
        }
    }

    /**
     * Applies {@code change} to the job's status (a queued status when the job is new here, for
     * example one submitted through another gateway) and notifies the job's listeners.
     */
    public JobStatus update(String jobId, String event, UnaryOperator<JobStatus> change) {
        JobStatus next;
        synchronized (jobs) {
            JobStatus current = jobs.get(jobId);
            if (current == null) {
                current = JobStatuses.queued(jobId, Instant.now());
            }
            next = change.apply(current);
            jobs.put(jobId, next);
        }

        JobUpdate update = new JobUpdate(event, next);
        for (Consumer<JobUpdate> listener : listeners.getOrDefault(jobId, List.of())) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                LOG.warnf(e, "jobId=%s: event stream listener failed on %s; the stream may miss it", jobId, event);
            }
        }
        return next;
    }

    /** Registers {@code listener} for the job's updates until the returned handle is closed. */
    public Registration listen(String jobId, Consumer<JobUpdate> listener) {
        listeners.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(jobId, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Number of open listeners, for tests. */
    int listenerCount(String jobId) {
        return listeners.getOrDefault(jobId, List.of()).size();
    }

    /** A listener registration; closing it twice is harmless. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
