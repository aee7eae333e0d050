package dev.vipoutpaint.outpaint.stage;

import dev.vipoutpaint.config.Channels;
import dev.vipoutpaint.config.VipConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Graceful drain of the worker on shutdown: stop taking jobs, pause the prompted consumers, let
 * running jobs finish (bounded by {@code vip.worker.drain-timeout}), then let the connector
 * commit and close.
 *
 * <p>A record that arrives while draining is left unacknowledged, so its offset is not committed
 * and another worker (or this one after a restart) takes it.
 */
@ApplicationScoped
@IfBuildProperty(name = "vip.build.worker", stringValue = "true", enableIfMissing = true)
public class WorkerDrain {

    private static final Logger LOG = Logger.getLogger(WorkerDrain.class);
    private static final long POLL_MILLIS = 100;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger running = new AtomicInteger();

    @Inject
    VipConfig config;

    @Inject
    KafkaClientService kafka;

    /** Marks a job as started; returns false when draining, and then the job must not run. */
    boolean tryStart() {
        running.incrementAndGet();
        if (draining.get()) {
            running.decrementAndGet();
            return false;
        }
        return true;
    }

    void finished() {
        running.decrementAndGet();
    }

    boolean isDraining() {
        return draining.get();
    }

    /** Jobs running now. */
    int runningJobs() {
        return running.get();
    }

    /**
     * Stops taking jobs and pauses the prompted consumers; the process keeps running. Called by
     * the drain endpoint (a Kubernetes preStop hook) and on shutdown; repeated calls do nothing.
     */
    void startDrain() {
        if (draining.compareAndSet(false, true)) {
            LOG.infof("Draining: no new jobs; %d job(s) running", running.get());
            pauseConsumers();
        }
    }

    /** Runs on the shutdown thread, before the connector closes its consumers. */
    void onShutdown(@Observes ShutdownEvent event) {
        startDrain();

        Duration timeout = config.worker().drainTimeout();
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        if (running.get() > 0) {
            LOG.infof("Draining: waiting up to %s for %d running job(s) to finish", timeout, running.get());
        }
        while (running.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (running.get() > 0) {
            LOG.warnf("Drain timed out after %s with %d job(s) still running; their records are not committed"
                    + " and will be processed again", timeout, running.get());
        }
    }

    private void pauseConsumers() {
        for (String channel : kafka.getConsumerChannels()) {
            if (!channel.equals(Channels.PROMPTED_IN) && !channel.startsWith(Channels.PROMPTED_IN + "$")) {
                continue;
            }
            for (var consumer : kafka.getConsumers(channel)) {
                try {
                    consumer.pause().await().atMost(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.warnf("Cannot pause consumer of channel %s while draining: %s", channel, e.getMessage());
                }
            }
        }
    }
}
