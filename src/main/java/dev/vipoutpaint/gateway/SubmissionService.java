package dev.vipoutpaint.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.gateway.GatewayMetrics.Input;
import dev.vipoutpaint.stage.JobFailure;
import dev.vipoutpaint.stage.RequestValidator;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns a submission into a request event: validate, store the uploaded images, publish, track.
 *
 * <p>Every method blocks on the store and the broker, so REST calls it on worker threads.
 */
@ApplicationScoped
public class SubmissionService {

    private static final Logger LOG = Logger.getLogger(SubmissionService.class);

    /** Rejects unknown fields, so a misspelt option is an error and not silently ignored. */
    private static final ObjectMapper SUBMISSION_MAPPER = EventCodec.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    ObjectStore store;

    @Inject
    VipConfig config;

    @Inject
    RequestPublisher publisher;

    @Inject
    JobTracker tracker;

    @Inject
    GatewayMetrics metrics;

    /**
     * Parses a submission from JSON text.
     *
     * @param part where the text came from, for messages: {@code body} or {@code options}
     * @throws GatewayException 400 naming the JSON field at fault
     */
    OutpaintSubmission parse(String part, String json) {
        if (json == null || json.isBlank()) {
            return OutpaintSubmission.empty();
        }
        try {
            return SUBMISSION_MAPPER.readValue(json, OutpaintSubmission.class);
        } catch (UnrecognizedPropertyException e) {
            String field = jsonPath(e);
            String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            throw GatewayException.invalid(field, e.getPropertyName(), known,
                    part + ": unknown field '" + field + "'; known fields here are " + known);
        } catch (JsonMappingException e) {
            String field = jsonPath(e);
            throw GatewayException.invalid(field.isEmpty() ? part : field, null, null,
                    part + ": invalid value" + (field.isEmpty() ? "" : " of '" + field + "'") + ": "
                            + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw GatewayException.invalid(part, null, "a JSON object",
                    part + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Stores an uploaded image (and mask) under the job's input keys and publishes the request. */
    OutpaintRequested submitUpload(byte[] image, byte[] maskOrNull, OutpaintSubmission options) {
        try {
            return doSubmitUpload(image, maskOrNull, options);
        } catch (GatewayException e) {
            metrics.submission(Input.UPLOAD, e.body().code().toLowerCase(Locale.ROOT));
            throw e;
        }
    }

    /** Publishes a request whose images are already in the store. */
    OutpaintRequested submitReference(OutpaintSubmission submission) {
        try {
            return doSubmitReference(submission);
        } catch (GatewayException e) {
            metrics.submission(Input.REFERENCE, e.body().code().toLowerCase(Locale.ROOT));
            throw e;
        }
    }

    private OutpaintRequested doSubmitUpload(byte[] imageBytes, byte[] maskBytes, OutpaintSubmission options) {
        // 1. Options that only a reference request may carry.
        if (options.source() != null) {
            throw GatewayException.invalid("source", options.source(), "absent",
                    "source must be absent when the image is uploaded, got '" + options.source()
                            + "'; send either the image part or a JSON body with source");
        }
        if (options.mask() != null && maskBytes != null) {
            throw GatewayException.invalid("mask", options.mask(), "absent",
                    "mask must be absent from the options when a mask file is uploaded, got '"
                            + options.mask() + "'");
        }
        String jobId = options.jobId() != null ? options.jobId() : newJobId();

        // 2. The files: size limits and readable headers, before anything is stored.
        metrics.uploadSize(imageBytes.length);
        UploadedImage image = checkUpload("image", imageBytes);
        UploadedImage mask = maskBytes == null ? null : checkUpload("mask", maskBytes);

        // 3. The whole request, with the keys the files will have.
        String sourceKey = inputKey(jobId, "source", image);
        String maskKey = mask == null ? null : inputKey(jobId, "mask", mask);
        String maskRef = mask == null ? options.mask() : reference(maskKey);
        OutpaintRequested request = toRequest(options.withJobId(jobId).withImages(reference(sourceKey), maskRef));
        validate(request);
        if (mask == null && maskRef != null) {
            requireExists("mask", maskRef);
        }

        // 4. Store, then publish, so the request never names a missing object.
        put(jobId, sourceKey, image);
        if (mask != null) {
            put(jobId, maskKey, mask);
        }
        publish(request);

        LOG.infof("jobId=%s: accepted upload of %d bytes (%s %dx%d) as %s", jobId, imageBytes.length,
                image.format(), image.width(), image.height(), request.source());
        metrics.submission(Input.UPLOAD, "accepted");
        return request;
    }

    private OutpaintRequested doSubmitReference(OutpaintSubmission submission) {
        String jobId = submission.jobId() != null ? submission.jobId() : newJobId();
        OutpaintRequested request = toRequest(submission.withJobId(jobId));
        validate(request);

        requireExists("source", request.source());
        if (request.mask() != null) {
            requireExists("mask", request.mask());
        }
        publish(request);

        LOG.infof("jobId=%s: accepted request for %s", jobId, request.source());
        metrics.submission(Input.REFERENCE, "accepted");
        return request;
    }

    private UploadedImage checkUpload(String field, byte[] bytes) {
        long maxBytes = config.limits().maxInputBytes();
        if (bytes.length == 0) {
            throw GatewayException.invalid(field, "0 bytes", "1.." + maxBytes + " bytes",
                    field + " is empty; upload a PNG or JPEG file");
        }
        if (bytes.length > maxBytes) {
            throw new GatewayException(413, new ApiError(ErrorCode.IMAGE_TOO_LARGE.name(), field,
                    bytes.length + " bytes", "1.." + maxBytes + " bytes",
                    field + " must be at most " + maxBytes + " bytes (vip.limits.max-input-bytes), got "
                            + bytes.length + "; upload a smaller file"));
        }

        UploadedImage image = UploadedImage.inspect(field, bytes);
        long maxPixels = config.limits().maxPixels();
        if (image.pixels() > maxPixels) {
            throw new GatewayException(413, new ApiError(ErrorCode.IMAGE_TOO_LARGE.name(), field,
                    image.width() + "x" + image.height(), "at most " + maxPixels + " pixels",
                    field + " has " + image.width() + "x" + image.height() + " = " + image.pixels()
                            + " pixels, more than the max output canvas of " + maxPixels
                            + " pixels (vip.limits.max-pixels); downscale it"));
        }
        return image;
    }

    private void validate(OutpaintRequested request) {
        try {
            RequestValidator.validate(request, config.limits(), store.bucket());
        } catch (JobFailure e) {
            throw GatewayException.fromJobFailure(e);
        }
    }

    private void requireExists(String field, String reference) {
        ObjectRef ref = ObjectRef.parse(reference);
        boolean exists;
        try {
            exists = store.exists(ref.key());
        } catch (StorageException e) {
            throw storageUnavailable(reference, e);
        }
        if (!exists) {
            throw new GatewayException(400, new ApiError(ErrorCode.NOT_FOUND.name(), field, reference,
                    "an existing object in bucket " + store.bucket(),
                    field + " " + reference + " does not exist; upload the image first or send it as a multipart file"));
        }
    }

    private void put(String jobId, String key, UploadedImage image) {
        try {
            store.put(key, image.bytes(), image.contentType());
        } catch (StorageException e) {
            LOG.errorf(e, "jobId=%s: could not store upload %s, returning 503", jobId, key);
            throw storageUnavailable(reference(key), e);
        }
    }

    private void publish(OutpaintRequested request) {
        try {
            publisher.publish(request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "jobId=%s: request event not written, returning 503", request.jobId());
            throw new GatewayException(503, new ApiError("PUBLISH_FAILED", null, null, null,
                    "the request event for job " + request.jobId() + " could not be written to Kafka ("
                            + e.getMessage() + "); retry with the same jobId"), e);
        }
        tracker.update(request.jobId(), "queued", current -> JobStatuses.queued(request.jobId(), request.requestedAt()));
    }

    private OutpaintRequested toRequest(OutpaintSubmission submission) {
        return new OutpaintRequested(submission.jobId(), submission.source(), submission.mask(),
                submission.canvas(), submission.prompt(), submission.sampling(), submission.output(),
                Instant.now());
    }

    private String inputKey(String jobId, String name, UploadedImage image) {
        return config.jobs().inputPrefix() + jobId + "/" + name + "." + image.extension();
    }

    private String reference(String key) {
        return new ObjectRef(store.bucket(), key).toString();
    }

    private GatewayException storageUnavailable(String reference, StorageException cause) {
        return new GatewayException(503, new ApiError(ErrorCode.STORAGE_ERROR.name(), null, reference, null,
                "the object store failed on " + reference + " (" + cause.getMessage() + "); retry later"), cause);
    }

    private static String newJobId() {
        return UUID.randomUUID().toString();
    }

    /** Returns the dotted path of the JSON field at fault, for example {@code sampling.steps}. */
    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }
}
