package dev.vipoutpaint.diffusion;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A loaded model bundle: validated metadata, tokenizer and the four TorchScript modules on one
 * device. Load it once per process and share it; every module keeps one predictor per thread.
 */
public final class ModelBundle implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelBundle.class);

    private final Path directory;
    private final Device device;
    private final BundleConfig config;
    private final PromptTokenizer tokenizer;
    private final TorchScriptModule textEncoder;
    private final TorchScriptModule unet;
    private final TorchScriptModule vaeEncoder;
    private final TorchScriptModule vaeDecoder;
    private final NDManager manager;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModelBundle(Path directory, Device device, BundleConfig config, PromptTokenizer tokenizer,
            List<TorchScriptModule> modules) {
        this.directory = directory;
        this.device = device;
        this.config = config;
        this.tokenizer = tokenizer;
        this.textEncoder = modules.get(0);
        this.unet = modules.get(1);
        this.vaeEncoder = modules.get(2);
        this.vaeDecoder = modules.get(3);
        this.manager = NDManager.newBaseManager(device, "PyTorch");
    }

    /**
     * Validates and loads the bundle in {@code directory} onto {@code device}.
     *
     * @throws BundleException naming the file and the expected value when a file is missing or invalid
     */
    public static ModelBundle load(Path directory, Device device) {
        if (!Files.isDirectory(directory)) {
            throw new BundleException("model bundle directory " + directory.toAbsolutePath()
                    + " does not exist; set vip.model.bundle to a directory with model.json, tokenizer.json and the .pt files");
        }
        long started = System.nanoTime();
        BundleConfig config = BundleConfig.read(directory);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PromptTokenizer tokenizer = PromptTokenizer.load(directory, config.maxTextLength(), config.closedVocabulary());
            opened.add(tokenizer);
            List<TorchScriptModule> modules = new ArrayList<>();
            modules.add(open(opened, TorchScriptModule.load(directory, "text_encoder",
                    "forward(input_ids int64 [B, L]) -> float32 [B, L, D]", device)));
            modules.add(open(opened, TorchScriptModule.load(directory, "unet",
                    "forward(sample, timestep, e_total, e_center, e_surround, mask) -> float32 [B, C, h, w]", device)));
            modules.add(open(opened, TorchScriptModule.load(directory, "vae_encoder",
                    "forward(image float32 [B, 3, H, W]) -> float32 [B, C, h, w]", device)));
            modules.add(open(opened, TorchScriptModule.load(directory, "vae_decoder",
                    "forward(latents float32 [B, C, h, w]) -> float32 [B, 3, H, W]", device)));

            ModelBundle bundle = new ModelBundle(directory, device, config, tokenizer, modules);
            LOG.infof("loaded model bundle %s %s from %s on %s in %d ms", config.name(), config.version(),
                    directory, device, (System.nanoTime() - started) / 1_000_000);
            return bundle;
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static TorchScriptModule open(List<AutoCloseable> opened, TorchScriptModule module) {
        opened.add(module);
        return module;
    }

    private static void closeAll(List<AutoCloseable> opened, RuntimeException failure) {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    public BundleConfig config() {
        return config;
    }

    public PromptTokenizer tokenizer() {
        return tokenizer;
    }

    public Path directory() {
        return directory;
    }

    public Device device() {
        return device;
    }

    /** Creates a manager on the bundle's device; the caller closes it. */
    public NDManager newManager() {
        return manager.newSubManager();
    }

    TorchScriptModule textEncoder() {
        return textEncoder;
    }

    TorchScriptModule unet() {
        return unet;
    }

    TorchScriptModule vaeEncoder() {
        return vaeEncoder;
    }

    TorchScriptModule vaeDecoder() {
        return vaeDecoder;
    }

    /** Frees the models and predictors; later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        textEncoder.close();
        unet.close();
        vaeEncoder.close();
        vaeDecoder.close();
        tokenizer.close();
        manager.close();
    }
}
