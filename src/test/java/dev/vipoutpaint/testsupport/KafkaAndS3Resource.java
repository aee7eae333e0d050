package dev.vipoutpaint.testsupport;

import dev.vipoutpaint.local.LocalCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test resource for the production adapters: the in-process KRaft broker with the topics of
 * {@code kafka/topics.yaml} (one partition each) and S3Mock as the MinIO store, both on
 * 127.0.0.1, started before Quarkus boots.
 *
 * <p>Init argument {@code vip.roles} selects the roles of the application under test (default
 * {@code all}). The worker loads the test model bundle that Maven exports before tests (system
 * property {@code vip.test.bundle}). Tests read the broker from
 * {@code kafka.bootstrap.servers} and the store from {@code vip.storage.minio.endpoint}.
 */
public class KafkaAndS3Resource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "vip-test";

    private String roles = "all";
    private LocalCluster cluster;
    private S3MockServer s3;

    @Override
    public void init(Map<String, String> initArgs) {
        roles = initArgs.getOrDefault("vip.roles", roles);
    }

    @Override
    public Map<String, String> start() {
        try {
            Path workDir = Files.createDirectories(Path.of("target", "local-kafka"));
            cluster = LocalCluster.start(workDir, Optional.of(1));
            s3 = S3MockServer.start();
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }

        Map<String, String> config = new HashMap<>();
        config.put("vip.roles", roles);
        config.put("kafka.bootstrap.servers", cluster.bootstrapServers());
        config.put("vip.storage.kind", "minio");
        config.put("vip.storage.bucket", BUCKET);
        config.put("vip.storage.minio.endpoint", s3.endpoint());
        config.put("vip.storage.minio.access-key", S3MockServer.ACCESS_KEY);
        config.put("vip.storage.minio.secret-key", S3MockServer.SECRET_KEY);
        // The broker is new for each test class, so reading from the start receives every event
        // without waiting for the gateway's consumer to be assigned its partitions.
        config.put("mp.messaging.incoming.gateway-job-events.auto.offset.reset", "earliest");
        config.put("vip.model.bundle", System.getProperty("vip.test.bundle", "target/test-bundle/vip-tiny-random"));
        return config;
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
