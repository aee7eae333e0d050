package dev.vipoutpaint.outpaint.stage;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code worker-drain}: DOWN once the worker drains, so no traffic is routed to it. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "vip.build.worker", stringValue = "true", enableIfMissing = true)
public class DrainReadinessCheck implements HealthCheck {

    @Inject
    WorkerDrain drain;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("worker-drain")
                .status(!drain.isDraining())
                .withData("runningJobs", drain.runningJobs())
                .build();
    }
}
