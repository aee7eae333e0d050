package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.ResultImage;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/jobs/{id}}: status, server-sent progress events and the result image of a job. */
@Path("/v1/jobs/{id}")
@Tag(name = "jobs")
public class JobResource {

    @Inject
    JobLookup lookup;

    @Inject
    JobEventStreams streams;

    @Inject
    ObjectStore store;

    @Context
    UriInfo uriInfo;

    /** Runs on a worker thread, because the lookup may read result.json from the store. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Status, prompts and result URLs of a job")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JobStatus.class)))
    @APIResponse(responseCode = "404", description = "Job not known",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public JobStatus status(@PathParam("id") String jobId) {
        return withResultUrl(lookup.require(jobId));
    }

    /**
     * Streams the job's status as server-sent events: first the current status (event
     * {@code status}), then one event per change ({@code queued}, {@code prompted},
     * {@code progress}, {@code completed}, {@code failed}); the stream ends after the job ends.
     * The method runs on a worker thread for the first lookup; events are sent from the Kafka
     * listener's thread.
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Server-sent events with the job's status after each change")
    @APIResponse(responseCode = "200", description = "text/event-stream of JobStatus JSON")
    @APIResponse(responseCode = "404", description = "Job not known",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Multi<OutboundSseEvent> events(@PathParam("id") String jobId, @Context Sse sse) {
        JobStatus current = lookup.require(jobId);
        return streams.open(current).map(update -> sse.newEventBuilder()
                .name(update.event())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(JobStatus.class, withResultUrl(update.status()))
                .build());
    }

    /** Runs on a worker thread, because it reads the image from the store. */
    @GET
    @Path("/result")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    @Operation(summary = "The result image of a completed job")
    @APIResponse(responseCode = "200", description = "The image bytes")
    @APIResponse(responseCode = "409", description = "The job has not completed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response result(@PathParam("id") String jobId, @QueryParam("index") @DefaultValue("0") int index) {
        JobStatus status = lookup.require(jobId);
        if (status.status() != JobState.COMPLETED) {
            throw new GatewayException(409, new ApiError("NOT_COMPLETED", "jobId", jobId, "a completed job",
                    "job " + jobId + " is " + status.status().wireName() + "; its result is available once the "
                            + "status is completed"));
        }
        int count = status.results().size();
        if (index < 0 || index >= count) {
            throw GatewayException.invalid("index", index, "0.." + (count - 1),
                    "index must be 0.." + (count - 1) + " (the job has " + count + " images), got " + index);
        }

        ResultImage image = status.results().get(index);
        ObjectRef ref = ObjectRef.parse(image.ref());
        byte[] bytes = store.get(ref.key()).orElseThrow(() -> new GatewayException(404, new ApiError(
                ErrorCode.NOT_FOUND.name(), "index", String.valueOf(index), null,
                "result " + image.ref() + " of job " + jobId + " is missing from the store")));
        String fileName = jobId + "-" + index + (image.contentType().equals("image/jpeg") ? ".jpg" : ".png");
        return Response.ok(bytes, image.contentType())
                .header("Content-Disposition", "inline; filename=\"" + fileName + "\"")
                .build();
    }

    private JobStatus withResultUrl(JobStatus status) {
        if (status.status() != JobState.COMPLETED) {
            return status;
        }
        String resultUrl = uriInfo.getBaseUriBuilder().path("v1/jobs/{id}/result").build(status.jobId()).toString();
        return new JobStatus(status.jobId(), status.status(), status.stage(), status.phase(), status.percent(),
                status.step(), status.totalSteps(), status.prompts(), status.results(), status.width(),
                status.height(), status.model(), status.sampling(), status.error(), status.updatedAt(), resultUrl);
    }
}
