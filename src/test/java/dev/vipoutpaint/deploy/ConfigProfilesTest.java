package dev.vipoutpaint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resolves the files of {@code config/} with SmallRye Config the way Quarkus reads the
 * working directory's {@code config/} folder (ordinal 260, above the packaged
 * application.properties at 250), for each role and environment that the deployment selects
 * with {@code QUARKUS_PROFILE=prod,<environment>,<role>}.
 */
class ConfigProfilesTest {

    private static final Path CONFIG_DIR = Path.of("config").toAbsolutePath();

    private static SmallRyeConfig configWithProfiles(String... profiles) {
        ClassLoader classLoader = ConfigProfilesTest.class.getClassLoader();
        String configFile = CONFIG_DIR.resolve("application.properties").toUri().toString();
        return new SmallRyeConfigBuilder()
                .withProfiles(List.of(profiles))
                .addDefaultInterceptors()
                .withSources(PropertiesConfigSourceLoader.inFileSystem(configFile, 260, classLoader))
                .build();
    }

    @ParameterizedTest
    @CsvSource({
        "kubernetes, gateway,   8080, vip-kafka-kafka-bootstrap:9092",
        "kubernetes, captioner, 8081, vip-kafka-kafka-bootstrap:9092",
        "kubernetes, worker,    8082, vip-kafka-kafka-bootstrap:9092",
        "local,      gateway,   8080, 127.0.0.1:9092",
        "local,      captioner, 8081, 127.0.0.1:9092",
        "local,      worker,    8082, 127.0.0.1:9092",
    })
    void profilesSelectRoleAndEnvironment(String environment, String role, int httpPort, String bootstrapServers) {
        SmallRyeConfig config = configWithProfiles("prod", environment, role);

        assertThat(config.getValue("vip.roles", String.class)).as("vip.roles").isEqualTo(role);
        assertThat(config.getValue("quarkus.http.port", Integer.class)).as("quarkus.http.port").isEqualTo(httpPort);
        assertThat(config.getValue("kafka.bootstrap.servers", String.class))
                .as("kafka.bootstrap.servers").isEqualTo(bootstrapServers);
    }

    @Test
    void kubernetesStoresInMinio() {
        SmallRyeConfig config = configWithProfiles("prod", "kubernetes", "worker");

        assertThat(config.getValue("vip.storage.kind", String.class)).isEqualTo("minio");
        assertThat(config.getValue("vip.storage.minio.endpoint", String.class)).isEqualTo("http://vip-minio:9000");
    }

    @Test
    void workerDrainOutlastsJobTimeout() {
        SmallRyeConfig config = configWithProfiles("prod", "kubernetes", "worker");

        assertThat(config.getValue("vip.worker.drain-timeout", Duration.class))
                .isGreaterThan(config.getValue("vip.worker.job-timeout", Duration.class));
    }

    @Test
    void withoutProfilesConfigDirectorySetsNothing() {
        // Tests and the embedded local mode run with this folder as ./config, so it must not
        // override what they configure.
        for (String[] profiles : List.of(new String[] {"prod"}, new String[] {"test"}, new String[] {"dev"})) {
            SmallRyeConfig config = configWithProfiles(profiles);

            Optional<String> anyName = StreamSupport
                    .stream(config.getPropertyNames().spliterator(), false)
                    .filter(name -> config.getConfigValue(name).getSourceName().contains("/config/"))
                    .findFirst();
            assertThat(anyName).as("a key set by config/ under profiles %s", List.of(profiles)).isEmpty();
        }
    }
}
