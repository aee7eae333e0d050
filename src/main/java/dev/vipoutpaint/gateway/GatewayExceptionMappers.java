package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.storage.StorageException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns gateway and storage exceptions into JSON {@link ApiError} responses. */
public class GatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(GatewayExceptionMappers.class);

    @ServerExceptionMapper
    public Response mapGatewayException(GatewayException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body()).build();
    }

    /** Maps a store failure outside a submission to 503, because a retry later may succeed. */
    @ServerExceptionMapper
    public Response mapStorageException(StorageException e) {
        LOG.errorf(e, "Object store failed, returning 503: %s", e.getMessage());
        ApiError body = new ApiError(ErrorCode.STORAGE_ERROR.name(), null, null, null,
                "the object store failed (" + e.getMessage() + "); retry later");
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
