package dev.vipoutpaint.config;

import dev.vipoutpaint.outpaint.stage.WorkerStage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;

/** Checks at startup that this build contains every role that {@code vip.roles} lists. */
@ApplicationScoped
public class RoleCheck {

    @Inject
    VipConfig config;

    @Inject
    Instance<WorkerStage> workerStage;

    void onStart(@Observes StartupEvent event) {
        Set<Role> roles = Roles.parse(config.roles());
        if (roles.contains(Role.WORKER) && !workerStage.isResolvable()) {
            throw new IllegalStateException(
                    "role worker is not in this build (built with vip.build.worker=false, the native-light image);"
                            + " use the worker image or remove worker from vip.roles");
        }
    }
}
