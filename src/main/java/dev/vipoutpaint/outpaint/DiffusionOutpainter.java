package dev.vipoutpaint.outpaint;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import dev.vipoutpaint.caption.SpacePrompts;
import dev.vipoutpaint.diffusion.BundleConfig;
import dev.vipoutpaint.diffusion.DenoiseListener;
import dev.vipoutpaint.diffusion.DiffusionPipeline;
import dev.vipoutpaint.diffusion.Generation;
import dev.vipoutpaint.diffusion.GenerationRequest;
import dev.vipoutpaint.diffusion.ModelBundle;
import dev.vipoutpaint.diffusion.SamplerKind;
import dev.vipoutpaint.diffusion.SchedulerSettings;
import dev.vipoutpaint.diffusion.TextPrompts;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The {@link Outpainter} on the DJL diffusion runtime: canvas geometry, C-T-S inpainting at the
 * bundle's working resolution and full-resolution compositing.
 *
 * <p>Safe to call from several threads at once; each thread gets its own DJL predictors. The
 * worker runs one thread per GPU slot. Close it to free the models.
 */
public final class DiffusionOutpainter implements Outpainter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DiffusionOutpainter.class);

    private final ModelBundle bundle;
    private final DiffusionPipeline pipeline;
    private final OutpainterLimits limits;

    public DiffusionOutpainter(ModelBundle bundle, OutpainterLimits limits) {
        this.bundle = bundle;
        this.pipeline = new DiffusionPipeline(bundle);
        this.limits = limits;
    }

    /** Loads the bundle in {@code bundleDir} onto {@code device} ({@code cpu}, {@code gpu}, {@code gpu:N}). */
    public static DiffusionOutpainter load(Path bundleDir, String device, OutpainterLimits limits) {
        return new DiffusionOutpainter(ModelBundle.load(bundleDir, parseDevice(device)), limits);
    }

    static Device parseDevice(String device) {
        if (device == null || !device.matches("cpu|gpu(:\\d+)?")) {
            throw new IllegalArgumentException("vip.model.device must be cpu, gpu or gpu:N, got '" + device + "'");
        }
        return Device.fromName(device);
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo(bundle.config().name(), bundle.config().version());
    }

    @Override
    public SamplingDefaults samplingDefaults() {
        BundleConfig.Defaults defaults = bundle.config().defaults();
        return new SamplingDefaults(defaults.sampler(), defaults.steps(), defaults.guidanceScale());
    }

    @Override
    public OutpaintResult outpaint(OutpaintTask task, StepListener listener) {
        // 1. Validate the request and the image before any model work.
        long started = System.nanoTime();
        SamplingSpec sampling = validSampling(task.sampling());
        SpacePrompts prompts = validPrompts(task.prompts());
        SourcePixels source = SourcePixels.of(task.source());
        if (source.pixels() > limits.maxPixels()) {
            throw new OutpaintException(ErrorCodes.IMAGE_TOO_LARGE, "image " + source.width() + "x" + source.height()
                    + " has " + source.pixels() + " pixels, more than the limit of " + limits.maxPixels()
                    + "; downscale it before sending");
        }
        SourcePixels userMask = task.userMask() == null ? null : SourcePixels.of(task.userMask());

        // 2. Canvas, generation mask and the model's working-size inputs.
        CanvasLayout layout = CanvasGeometry.layout(source.width(), source.height(), task.canvas(), limits.maxPixels());
        boolean[] canvasMask = GenerationMask.build(layout, source, userMask);
        BundleConfig config = bundle.config();
        WorkingSize work = WorkingSize.fit(layout.canvasWidth(), layout.canvasHeight(), config.width(),
                config.height(), config.multipleOf());
        Planes workCanvas = Resampler.resize(CanvasPainter.paint(source, layout), work.width(), work.height());
        Planes workMask = CanvasPainter.scaleMask(
                CanvasPainter.maskPlane(canvasMask, layout.canvasWidth(), layout.canvasHeight()), work.width(), work.height());
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("geometry", millisSince(started));
        LOG.infof("jobId=%s outpainting %dx%d onto %dx%d at working size %dx%d, %s %d steps, seed %d",
                task.jobId(), source.width(), source.height(), layout.canvasWidth(), layout.canvasHeight(),
                work.width(), work.height(), sampling.sampler(), sampling.steps(), sampling.seed());

        // 3. Diffusion.
        Generation generation = generate(task.jobId(), workCanvas, workMask, prompts, sampling, listener);
        timings.putAll(generation.timingsMillis());

        // 4. Composite every image at full resolution.
        long compositeStarted = System.nanoTime();
        int featherWorkPixels = Math.max(2, Math.min(work.width(), work.height()) / 16);
        List<BufferedImage> images = new ArrayList<>();
        for (float[] image : generation.images()) {
            Planes generated = toPixelPlanes(image, work);
            images.add(Compositor.composite(source, layout, canvasMask, workCanvas, workMask, generated, featherWorkPixels));
        }
        timings.put("composite", millisSince(compositeStarted));
        return new OutpaintResult(images, generation.warnings(), timings);
    }

    private Generation generate(String jobId, Planes workCanvas, Planes workMask, SpacePrompts prompts,
            SamplingSpec sampling, StepListener listener) {
        BundleConfig.Defaults defaults = bundle.config().defaults();
        try {
            SchedulerSettings scheduler = new SchedulerSettings(sampling.steps(), defaults.spacing(),
                    defaults.stepsOffset(), defaults.eta(), bundle.config().predictionType());
            GenerationRequest request = new GenerationRequest(jobId, toModelRange(workCanvas), workMask.data(),
                    workCanvas.width(), workCanvas.height(),
                    new TextPrompts(prompts.center(), prompts.surrounding(), prompts.total(), prompts.negative()),
                    SamplerKind.parse(sampling.sampler()), scheduler, sampling.guidanceScale(), sampling.strength(),
                    sampling.seed(), sampling.numImages());
            DenoiseListener progress = listener == null ? DenoiseListener.NONE : listener::onStep;
            return pipeline.generate(request, progress);
        } catch (OutpaintCancelledException | OutpaintException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new OutpaintException(ErrorCodes.INVALID_REQUEST, e.getMessage(), false, e);
        } catch (EngineException | IllegalStateException e) {
            LOG.errorf(e, "jobId=%s model %s failed; the job fails with MODEL_ERROR", jobId, bundle.config().name());
            throw new OutpaintException(ErrorCodes.MODEL_ERROR,
                    "model " + bundle.config().name() + " failed: " + e.getMessage(), false, e);
        }
    }

    private SamplingSpec validSampling(SamplingSpec sampling) {
        if (sampling == null) {
            throw invalid("sampling is missing");
        }
        if (!SamplerKind.isKnown(sampling.sampler())) {
            throw invalid("sampling.sampler must be one of " + SamplerKind.names() + ", got '" + sampling.sampler() + "'");
        }
        if (sampling.steps() < 1 || sampling.steps() > limits.maxSteps()) {
            throw invalid("sampling.steps must be 1.." + limits.maxSteps() + ", got " + sampling.steps());
        }
        if (!(sampling.guidanceScale() >= 1 && sampling.guidanceScale() <= 30)) {
            throw invalid("sampling.guidanceScale must be 1..30 (1 disables guidance), got " + sampling.guidanceScale());
        }
        if (!(sampling.strength() > 0 && sampling.strength() <= 1)) {
            throw invalid("sampling.strength must be greater than 0 and at most 1, got " + sampling.strength());
        }
        if (sampling.numImages() < 1 || sampling.numImages() > limits.maxImages()) {
            throw invalid("sampling.numImages must be 1.." + limits.maxImages() + ", got " + sampling.numImages());
        }
        return sampling;
    }

    private static SpacePrompts validPrompts(SpacePrompts prompts) {
        if (prompts == null) {
            throw invalid("prompts are missing: the worker needs center, surrounding and total prompts");
        }
        return prompts;
    }

    /** Converts RGB 0..255 to the model's [-1, 1]. */
    private static float[] toModelRange(Planes canvas) {
        float[] out = new float[canvas.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = canvas.data()[i] / 127.5f - 1f;
        }
        return out;
    }

    /** Converts the model's [-1, 1] back to RGB 0..255. */
    private static Planes toPixelPlanes(float[] image, WorkingSize work) {
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (image[i] + 1f) * 127.5f;
        }
        return new Planes(3, work.width(), work.height(), out);
    }

    private static OutpaintException invalid(String message) {
        return new OutpaintException(ErrorCodes.INVALID_REQUEST, message);
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
