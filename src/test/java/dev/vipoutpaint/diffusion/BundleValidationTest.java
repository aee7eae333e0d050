package dev.vipoutpaint.diffusion;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleValidationTest {

    @TempDir
    Path dir;

    @Test
    void missingDirectoryNamed() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> ModelBundle.load(missing, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void missingModelJsonNamed() {
        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("missing " + dir.resolve("model.json"))
                .hasMessageContaining("bundle format version 1");
    }

    @Test
    void unknownArchitectureRejected() throws IOException {
        writeModelJson(modelJson().replace("\"vip-cts-unet\"", "\"sd15-inpaint\""));

        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .hasMessageContaining(dir.resolve("model.json").toString())
                .hasMessageContaining("architecture must be 'vip-cts-unet', got 'sd15-inpaint'");
    }

    @Test
    void otherFormatVersionRejected() throws IOException {
        writeModelJson(modelJson().replace("\"format_version\": 1", "\"format_version\": 2"));

        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .hasMessageContaining("format_version must be 1, got 2");
    }

    @Test
    void missingFieldNamed() throws IOException {
        writeModelJson(modelJson().replace("\"channels\": 12,", ""));

        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .hasMessageContaining("latent.channels is missing");
    }

    @Test
    void unknownPredictionTypeRejected() throws IOException {
        writeModelJson(modelJson().replace("\"epsilon\"", "\"sample\""));

        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .hasMessageContaining("prediction_type must be 'epsilon' or 'v_prediction', got 'sample'");
    }

    @Test
    void missingTorchScriptFileNamed() throws IOException {
        writeModelJson(modelJson());
        Files.copy(TestBundle.DIRECTORY.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.copy(TestBundle.DIRECTORY.resolve("text_encoder.pt"), dir.resolve("text_encoder.pt"));

        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("missing " + dir.resolve("unet.pt"))
                .hasMessageContaining("forward(sample, timestep, e_total, e_center, e_surround, mask)");
    }

    @Test
    void missingTokenizerNamed() throws IOException {
        writeModelJson(modelJson());

        assertThatThrownBy(() -> ModelBundle.load(dir, Device.cpu()))
                .hasMessageContaining("missing " + dir.resolve("tokenizer.json"));
    }

    private static String modelJson() throws IOException {
        return Files.readString(TestBundle.DIRECTORY.resolve("model.json"));
    }

    private void writeModelJson(String json) throws IOException {
        Files.writeString(dir.resolve("model.json"), json);
    }
}
