package dev.vipoutpaint.diffusion;

import ai.djl.Device;
import java.nio.file.Path;

/**
 * The random-weight bundle Maven exports in generate-test-resources (see pom.xml), loaded once
 * per test JVM because loading TorchScript is the slow part.
 */
public final class TestBundle {

    public static final Path DIRECTORY =
            Path.of(System.getProperty("vip.test.bundle", "target/test-bundle/vip-tiny-random"));

    private static ModelBundle bundle;

    private TestBundle() {
    }

    public static synchronized ModelBundle get() {
        if (bundle == null) {
            bundle = ModelBundle.load(DIRECTORY, Device.cpu());
            Runtime.getRuntime().addShutdownHook(new Thread(bundle::close));
        }
        return bundle;
    }
}
