package dev.vipoutpaint.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * Prometheus metrics of the gateway: submissions by input kind and outcome, and upload sizes.
 * HTTP latency per endpoint comes from Quarkus' own {@code http_server_requests} metrics.
 */
@ApplicationScoped
public class GatewayMetrics {

    /** Input kind of a submission: {@code upload} (multipart) or {@code reference} (s3://). */
    enum Input { UPLOAD, REFERENCE }

    @Inject
    MeterRegistry registry;

    /**
     * Counts one submission; {@code outcome} is {@code accepted} or the lower-case error code
     * ({@code invalid_request}, {@code image_too_large}, {@code storage_error}, ...).
     */
    void submission(Input input, String outcome) {
        Counter.builder("vip.gateway.submissions")
                .description("Outpaint submissions by input kind and outcome")
                .tag("input", input.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void uploadSize(long bytes) {
        DistributionSummary.builder("vip.gateway.upload.size")
                .description("Size of uploaded images")
                .baseUnit("bytes")
                .publishPercentileHistogram()
                .register(registry)
                .record(bytes);
    }
}
