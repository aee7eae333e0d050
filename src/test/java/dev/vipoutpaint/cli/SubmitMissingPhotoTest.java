package dev.vipoutpaint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A PHOTO that does not exist: one clear line and exit code 1, no stack trace, no broker needed. */
@QuarkusMainTest
class SubmitMissingPhotoTest {

    @BeforeAll
    static void useTemporaryStore() throws Exception {
        Path storeRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "store-");
        System.setProperty("vip.storage.filesystem.root", storeRoot.toString());
    }

    @Test
    void missingPhotoPrintsOneLine(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("submit", "target/no-such-photo.jpg");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput())
                .contains("vip: PHOTO must be a readable file or s3://bucket/key, got 'target/no-such-photo.jpg'")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
