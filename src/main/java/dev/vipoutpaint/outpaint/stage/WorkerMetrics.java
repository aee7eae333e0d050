package dev.vipoutpaint.outpaint.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Worker metrics, exported by Micrometer (Prometheus names in brackets):
 * jobs by outcome [{@code vip_worker_jobs_total{outcome}}], stage latency
 * [{@code vip_stage_latency_seconds{stage="worker"}}], queue wait
 * [{@code vip_queue_wait_seconds{stage="worker"}}] and denoising speed
 * [{@code vip_worker_denoise_steps_per_second}].
 */
@ApplicationScoped
@IfBuildProperty(name = "vip.build.worker", stringValue = "true", enableIfMissing = true)
public class WorkerMetrics {

    /** Outcomes of a prompted record. */
    public enum Outcome {
        COMPLETED, FAILED, REPLAYED
    }

    @Inject
    MeterRegistry registry;

    public void job(Outcome outcome) {
        Counter.builder("vip.worker.jobs")
                .description("Prompted records handled by the worker, by outcome; replayed = completion re-published from result.json")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
    }

    public void stageLatency(Duration latency) {
        Timer.builder("vip.stage.latency")
                .description("Wall time of one job in a stage")
                .tag("stage", "worker")
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }

    public void queueWait(Duration wait) {
        Timer.builder("vip.queue.wait")
                .description("Time a record waited in its topic before a stage took it")
                .tag("stage", "worker")
                .publishPercentileHistogram()
                .register(registry)
                .record(wait);
    }

    /** Records one job's denoising speed: steps of all its images over the denoising wall time. */
    public void denoiseSpeed(int steps, Duration denoise) {
        if (steps <= 0 || denoise.isZero() || denoise.isNegative()) {
            return;
        }
        DistributionSummary.builder("vip.worker.denoise.steps.per.second")
                .description("Denoising steps per second of one job")
                .register(registry)
                .record(steps / (denoise.toNanos() / 1e9));
    }
}
