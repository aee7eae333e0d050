package dev.vipoutpaint.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Test resource of local mode: an in-process KRaft broker with the topics of
 * {@code kafka/topics.yaml} (one partition each) and a fresh filesystem store folder, started
 * before Quarkus boots so the Kafka channels connect to it.
 *
 * <p>Use with {@code @WithTestResource(LocalKafkaResource.class)}; tests read the broker
 * address from {@code kafka.bootstrap.servers} and the store root from
 * {@code vip.storage.filesystem.root}.
 */
public class LocalKafkaResource implements QuarkusTestResourceLifecycleManager {

    private LocalCluster cluster;

    @Override
    public Map<String, String> start() {
        try {
            Path workDir = Files.createDirectories(Path.of("target", "local-kafka"));
            Path storeRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "store-");
            cluster = LocalCluster.start(workDir, Optional.of(1));
            return Map.of(
                    "kafka.bootstrap.servers", cluster.bootstrapServers(),
                    "vip.storage.kind", "filesystem",
                    "vip.storage.filesystem.root", storeRoot.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
