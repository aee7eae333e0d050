package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.OutpaintRequested;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /v1/outpaint}: submits a job, either as a multipart upload or as JSON naming an
 * image already in the store. Both return 202 once the request event is in Kafka.
 *
 * <p>Both methods block on the store and the broker, so Quarkus runs them on worker threads.
 */
@Path("/v1/outpaint")
@Tag(name = "jobs", description = "Outpainting jobs")
public class OutpaintResource {

    @Inject
    SubmissionService submissions;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a photo and outpaint it",
            description = "Form parts: image (required, PNG/JPEG/GIF/BMP), mask (optional, white = generate), "
                    + "options (optional JSON of OutpaintSubmission without source).")
    @APIResponse(responseCode = "202", description = "Request event written",
            content = @Content(schema = @Schema(implementation = SubmissionAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid option or unreadable image",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Image larger than the configured limits",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Store or broker unavailable; retry with the same jobId",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response upload(@RestForm("image") FileUpload image,
                           @RestForm("mask") FileUpload mask,
                           @RestForm("options") String options) {
        if (image == null) {
            throw GatewayException.invalid("image", null, "a PNG, JPEG, GIF or BMP file",
                    "image is missing; send the photo as the multipart part 'image', or POST JSON with source");
        }
        OutpaintSubmission submission = submissions.parse("options", options);
        OutpaintRequested request = submissions.submitUpload(read(image), mask == null ? null : read(mask), submission);
        return accepted(request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Outpaint an image already in the store",
            description = "The body names the image as source = s3://<bucket>/<key> in the configured bucket.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OutpaintSubmission.class)))
    @APIResponse(responseCode = "202", description = "Request event written",
            content = @Content(schema = @Schema(implementation = SubmissionAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, or the source object does not exist",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "Store or broker unavailable; retry with the same jobId",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response submit(String body) {
        OutpaintSubmission submission = submissions.parse("body", body);
        return accepted(submissions.submitReference(submission));
    }

    private Response accepted(OutpaintRequested request) {
        URI status = uriInfo.getBaseUriBuilder().path("v1/jobs/{id}").build(request.jobId());
        URI events = uriInfo.getBaseUriBuilder().path("v1/jobs/{id}/events").build(request.jobId());
        URI result = uriInfo.getBaseUriBuilder().path("v1/jobs/{id}/result").build(request.jobId());
        SubmissionAccepted body = new SubmissionAccepted(request.jobId(), JobState.QUEUED, request.source(),
                status.toString(), events.toString(), result.toString());
        return Response.accepted(body).location(status).build();
    }

    private static byte[] read(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded part " + upload.name(), e);
        }
    }
}
