package dev.vipoutpaint.outpaint.stage;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Drain control of the worker for a Kubernetes preStop hook: {@code POST /admin/drain} stops
 * taking jobs (202), {@code GET /admin/drain} reports whether the worker drains and how many jobs
 * still run (200). The hook polls until {@code runningJobs} is 0, then the pod gets SIGTERM.
 */
@Path("/admin/drain")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "vip.build.worker", stringValue = "true", enableIfMissing = true)
public class DrainResource {

    /**
     * Body of both methods.
     *
     * @param runningJobs jobs running now
     */
    public record DrainStatus(boolean draining, int runningJobs) {
    }

    @Inject
    WorkerDrain drain;

    /** Runs on a worker thread because pausing the consumers waits for the poll thread. */
    @POST
    @Blocking
    public Response start() {
        drain.startDrain();
        return Response.accepted(status()).build();
    }

    @GET
    public DrainStatus status() {
        return new DrainStatus(drain.isDraining(), drain.runningJobs());
    }
}
