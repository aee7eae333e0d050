package dev.vipoutpaint.outpaint.stage;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.InvalidEventException;
import dev.vipoutpaint.api.ModelRef;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.ResultImage;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.caption.PromptSource;
import dev.vipoutpaint.caption.SpacePrompts;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.outpaint.CanvasSpec;
import dev.vipoutpaint.outpaint.ModelInfo;
import dev.vipoutpaint.outpaint.OutpaintCancelledException;
import dev.vipoutpaint.outpaint.OutpaintException;
import dev.vipoutpaint.outpaint.OutpaintResult;
import dev.vipoutpaint.outpaint.OutpaintTask;
import dev.vipoutpaint.outpaint.Outpainter;
import dev.vipoutpaint.stage.EventPublisher;
import dev.vipoutpaint.stage.JobFailure;
import dev.vipoutpaint.stage.JobIndexEntry;
import dev.vipoutpaint.stage.RequestValidator;
import dev.vipoutpaint.stage.ResultKeys;
import dev.vipoutpaint.stage.SourceLoader;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.storage.StorageConfig;
import dev.vipoutpaint.storage.StorageException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one prompted job on the calling GPU slot thread: re-publish a stored completion, or
 * validate, load, outpaint, store the images and {@code result.json}, and publish the completion.
 */
@ApplicationScoped
@IfBuildProperty(name = "vip.build.worker", stringValue = "true", enableIfMissing = true)
public class OutpaintJobRunner {

    private static final Logger LOG = Logger.getLogger(OutpaintJobRunner.class);

    @Inject
    VipConfig config;

    @Inject
    ObjectStore store;

    @Inject
    StorageConfig storageConfig;

    @Inject
    Instance<Outpainter> outpainter;

    @Inject
    EventPublisher publisher;

    @Inject
    WorkerMetrics metrics;

    /**
     * Handles one prompted job.
     *
     * @return whether the job was computed ({@code COMPLETED}) or re-published ({@code REPLAYED})
     * @throws JobFailure when the job cannot be done; the caller writes the failed event
     */
    WorkerMetrics.Outcome run(OutpaintPrompted prompted, Duration queueWait) {
        long startNanos = System.nanoTime();
        OutpaintRequested request = prompted.request();
        RequestValidator.validate(request, config.limits(), store.bucket());
        ResultKeys keys = ResultKeys.of(request, config.jobs().resultPrefix());

        // 1. Idempotency: a stored manifest means the job is done; publish it again.
        Optional<OutpaintCompleted> stored = readManifest(request.jobId(), keys);
        if (stored.isPresent()) {
            LOG.infof("jobId=%s: result.json exists at %s; re-publishing the stored completion without computing",
                    request.jobId(), keys.manifest());
            publisher.completed(stored.get());
            return WorkerMetrics.Outcome.REPLAYED;
        }
        publisher.progress(new OutpaintProgress(request.jobId(), Stage.WORKER, "started", 0, 0, 0, 0, 0.0,
                Instant.now()));

        // 2. Load and decode the inputs; settings with defaults filled in (the first job loads the model).
        long loadStart = System.nanoTime();
        BufferedImage source = SourceLoader.load(store, request.source(), "source", config.limits().maxInputBytes());
        BufferedImage mask = request.mask() == null
                ? null
                : SourceLoader.load(store, request.mask(), "mask", config.limits().maxInputBytes());
        CanvasSpec canvas = JobSettings.resolveCanvas(request.canvas(), config.defaults().expand());
        JobSettings.checkCanvasSize(canvas, source.getWidth(), source.getHeight(), config.limits().maxPixels());
        Outpainter engine = engine();
        SamplingOptions sampling = JobSettings.resolveSampling(request, config.defaults(), engine.samplingDefaults(),
                config.limits().maxSteps());
        long loadMillis = millisSince(loadStart);

        // 3. Outpaint on this thread; the reporter writes progress and enforces the deadline.
        long denoiseStart = System.nanoTime();
        ProgressReporter reporter = new ProgressReporter(request.jobId(), sampling.numImages(),
                config.worker().progressEverySteps(), denoiseStart + config.worker().jobTimeout().toNanos(), publisher);
        OutpaintResult result = outpaint(engine, new OutpaintTask(request.jobId(), source, mask, canvas,
                toSpacePrompts(prompted.prompts()), JobSettings.toSpec(sampling)), reporter);
        Duration denoise = Duration.ofNanos(System.nanoTime() - denoiseStart);
        metrics.denoiseSpeed(reporter.stepsDone(), denoise);

        // 4. Store the images, the index entry, then the manifest: result.json marks the job done.
        //    The index entry goes first, so a job with a manifest always has one.
        publisher.progress(new OutpaintProgress(request.jobId(), Stage.WORKER, "storing", sampling.numImages() - 1,
                sampling.numImages(), sampling.steps(), sampling.steps(), 100.0, Instant.now()));
        long storeStart = System.nanoTime();
        String format = request.output() != null && request.output().format() != null
                ? request.output().format() : config.defaults().format();
        List<ResultImage> images = storeImages(keys, result.images(), format);

        Map<String, Long> timings = new LinkedHashMap<>(prompted.timingsMillis() == null ? Map.of() : prompted.timingsMillis());
        timings.put("queueWait", queueWait.toMillis());
        timings.put("load", loadMillis);
        result.timingsMillis().forEach((phase, millis) -> timings.put("outpaint." + phase, millis));
        timings.put("outpaint", denoise.toMillis());
        timings.put("store", millisSince(storeStart));
        timings.put("worker", millisSince(startNanos));
        if (request.requestedAt() != null) {
            timings.put("total", Math.max(0, Duration.between(request.requestedAt(), Instant.now()).toMillis()));
        }

        ModelInfo model = engine.model();
        BufferedImage first = result.images().get(0);
        OutpaintCompleted completed = new OutpaintCompleted(
                request.jobId(), images, new ObjectRef(store.bucket(), keys.manifest()).toString(),
                source.getWidth(), source.getHeight(), first.getWidth(), first.getHeight(),
                prompted.prompts(), new ModelRef(model.name(), model.version()), sampling, timings,
                result.warnings() == null ? List.of() : result.warnings(), Instant.now());
        put(JobIndexEntry.key(config.jobs().indexPrefix(), request.jobId()),
                EventCodec.toJson(new JobIndexEntry(request.jobId(), completed.manifest())), "application/json");
        put(keys.manifest(), EventCodec.toJson(completed), "application/json");

        // 5. Publish; the caller acknowledges the record after this returns.
        publisher.completed(completed);
        LOG.infof("jobId=%s: completed %dx%d -> %dx%d in %d ms (%d steps, seed %d), result %s",
                request.jobId(), source.getWidth(), source.getHeight(), first.getWidth(), first.getHeight(),
                timings.get("worker"), sampling.steps(), sampling.seed(), images.get(0).ref());
        return WorkerMetrics.Outcome.COMPLETED;
    }

    private Optional<OutpaintCompleted> readManifest(String jobId, ResultKeys keys) {
        Optional<byte[]> bytes;
        try {
            bytes = store.get(keys.manifest());
        } catch (StorageException e) {
            throw new JobFailure(ErrorCode.STORAGE_ERROR,
                    "reading " + keys.manifest() + " failed: " + e.getMessage(), true, e);
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventCodec.fromJson(bytes.get(), OutpaintCompleted.class));
        } catch (InvalidEventException e) {
            LOG.warnf("jobId=%s: %s is unreadable (%s); computing the job again and replacing it",
                    jobId, keys.manifest(), e.getMessage());
            return Optional.empty();
        }
    }

    private Outpainter engine() {
        if (!outpainter.isResolvable()) {
            throw new JobFailure(ErrorCode.MODEL_ERROR, "no Outpainter is deployed in this worker", false, null);
        }
        return outpainter.get();
    }

    private static OutpaintResult outpaint(Outpainter engine, OutpaintTask task, ProgressReporter reporter) {
        try {
            OutpaintResult result = engine.outpaint(task, reporter);
            if (result.images() == null || result.images().isEmpty()) {
                throw new JobFailure(ErrorCode.MODEL_ERROR, "the model returned no image", false, null);
            }
            return result;
        } catch (OutpaintCancelledException e) {
            throw new JobFailure(ErrorCode.TIMEOUT, e.getMessage() + "; raise the limit or request fewer steps", true, e);
        } catch (OutpaintException e) {
            throw new JobFailure(toErrorCode(e.code()), e.getMessage(), e.retryable(), e);
        }
    }

    private List<ResultImage> storeImages(ResultKeys keys, List<BufferedImage> images, String format) {
        List<ResultImage> stored = new ArrayList<>(images.size());
        String extension = format.equals("jpeg") ? "jpg" : "png";
        String contentType = "image/" + format;
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            String key = keys.image(i, extension);
            put(key, ImageEncoder.encode(image, format), contentType);
            String url = store.presignedGetUrl(key, storageConfig.presignExpiry()).orElse(null);
            stored.add(new ResultImage(new ObjectRef(store.bucket(), key).toString(), url,
                    image.getWidth(), image.getHeight(), contentType));
        }
        return stored;
    }

    private void put(String key, byte[] bytes, String contentType) {
        try {
            store.put(key, bytes, contentType);
        } catch (StorageException e) {
            throw new JobFailure(ErrorCode.STORAGE_ERROR, "writing " + key + " failed: " + e.getMessage(), true, e);
        }
    }

    private static SpacePrompts toSpacePrompts(UsedPrompts prompts) {
        return new SpacePrompts(prompts.center(), prompts.surrounding(), prompts.total(),
                prompts.negative() == null ? "" : prompts.negative(),
                toSource(prompts.centerSource()), toSource(prompts.surroundingSource()));
    }

    private static PromptSource toSource(String wireName) {
        try {
            return PromptSource.valueOf(wireName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new JobFailure(ErrorCode.INVALID_REQUEST,
                    "prompt source must be mllm, heuristic or user, got '" + wireName + "'");
        }
    }

    private static ErrorCode toErrorCode(String code) {
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            return ErrorCode.MODEL_ERROR;
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
