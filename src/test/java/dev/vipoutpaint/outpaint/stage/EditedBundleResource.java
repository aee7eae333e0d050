package dev.vipoutpaint.outpaint.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the random test bundle whose {@code model.json} recommends other sampling values
 * than the original (ddim, 25 steps, guidance 4): {@value #SAMPLER}, {@value #STEPS} steps,
 * guidance {@value #GUIDANCE_SCALE}. The worker loads it through {@code vip.model.bundle}.
 */
public class EditedBundleResource implements QuarkusTestResourceLifecycleManager {

    static final String SAMPLER = "dpmpp_2m";
    static final int STEPS = 3;
    static final double GUIDANCE_SCALE = 2.5;

    @Override
    public Map<String, String> start() {
        Path original = Path.of(System.getProperty("vip.test.bundle", "target/test-bundle/vip-tiny-random"));
        try {
            Path copy = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "edited-bundle-");
            try (Stream<Path> files = Files.list(original)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }

            ObjectMapper json = new ObjectMapper();
            ObjectNode model = (ObjectNode) json.readTree(copy.resolve("model.json").toFile());
            ObjectNode defaults = (ObjectNode) model.get("defaults");
            defaults.put("sampler", SAMPLER);
            defaults.put("steps", STEPS);
            defaults.put("guidance_scale", GUIDANCE_SCALE);
            json.writerWithDefaultPrettyPrinter().writeValue(copy.resolve("model.json").toFile(), model);
            return Map.of("vip.model.bundle", copy.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The copy stays under target/ and goes with mvn clean, like the test stores.
    }
}
