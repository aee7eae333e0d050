package dev.vipoutpaint.gateway;

import dev.vipoutpaint.config.Role;
import dev.vipoutpaint.config.Roles;
import dev.vipoutpaint.config.VipConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects {@code /v1/*} requests in processes that do not run the gateway role. Such processes
 * have the gateway channels disabled, so they could neither publish a submission nor follow a
 * job. A 404 naming {@code vip.roles} points the client at a gateway instead.
 */
public class GatewayRoleFilter {

    static final String CODE = "GATEWAY_NOT_RUNNING";

    @Inject
    VipConfig config;

    /** Runs on the event loop before the resource method; it only compares strings. */
    @ServerRequestFilter
    public Optional<Response> rejectWithoutGatewayRole(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") || Roles.parse(config.roles()).contains(Role.GATEWAY)) {
            return Optional.empty();
        }
        ApiError body = new ApiError(CODE, "vip.roles", config.roles(), "a list containing gateway",
                "this process runs vip.roles=" + config.roles() + " without the gateway role, so it serves no "
                        + path + "; send API requests to a gateway process");
        return Optional.of(Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }
}
