package dev.vipoutpaint.diffusion;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One TorchScript file of a bundle, loaded once, with one DJL {@link Predictor} per calling
 * thread because predictors are not thread-safe. Predictors live until {@link #close()}; the
 * worker runs a fixed set of threads, so their number stays bounded.
 */
final class TorchScriptModule implements AutoCloseable {

    private final String fileName;
    private final ZooModel<NDList, NDList> model;
    private final ThreadLocal<Predictor<NDList, NDList>> predictors = new ThreadLocal<>();
    private final Queue<Predictor<NDList, NDList>> created = new ConcurrentLinkedQueue<>();

    private TorchScriptModule(String fileName, ZooModel<NDList, NDList> model) {
        this.fileName = fileName;
        this.model = model;
    }

    /**
     * Loads {@code <name>.pt} from {@code bundleDir} onto {@code device}.
     *
     * @param contract the expected forward signature, for the error message when the file is missing
     */
    static TorchScriptModule load(Path bundleDir, String name, String contract, Device device) {
        String fileName = name + ".pt";
        Path file = bundleDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new BundleException("missing " + file + ": a model bundle needs " + fileName
                    + " (TorchScript, " + contract + ")");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("PyTorch")
                .optModelPath(bundleDir)
                .optModelName(name)
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                // Load weights straight onto the configured device whatever device they were saved from.
                .optOption("mapLocation", "true")
                .build();
        try {
            return new TorchScriptModule(fileName, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new BundleException("cannot load " + file + " as TorchScript with the DJL PyTorch engine: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code forward} on the calling thread's predictor. The outputs are attached to
     * {@code outputManager}, so they are freed with it.
     */
    NDList forward(NDList inputs, NDManager outputManager) {
        try {
            NDList outputs = predictor().predict(inputs);
            outputs.attach(outputManager);
            return outputs;
        } catch (TranslateException e) {
            throw new IllegalStateException(fileName + " forward failed: " + e.getMessage(), e);
        }
    }

    private Predictor<NDList, NDList> predictor() {
        Predictor<NDList, NDList> predictor = predictors.get();
        if (predictor == null) {
            predictor = model.newPredictor();
            predictors.set(predictor);
            created.add(predictor);
        }
        return predictor;
    }

    @Override
    public void close() {
        Predictor<NDList, NDList> predictor;
        while ((predictor = created.poll()) != null) {
            predictor.close();
        }
        model.close();
    }
}
