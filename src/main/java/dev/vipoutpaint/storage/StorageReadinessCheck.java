package dev.vipoutpaint.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the object store, checked by asking whether a probe key exists. The result does
 * not matter, only that the store replied. A missing bucket or an unreachable server makes the
 * check DOWN, so no traffic reaches a process that could not store results.
 */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    static final String NAME = "object-store";

    /** A key that no code writes. Checking it costs one HEAD request. */
    static final String PROBE_KEY = ".vip-readiness-probe";

    @Inject
    ObjectStore store;

    /** Runs on a worker thread, because Quarkus calls synchronous checks off the event loop. */
    @Override
    public HealthCheckResponse call() {
        try {
            store.exists(PROBE_KEY);
            return HealthCheckResponse.named(NAME).up().withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
