package dev.vipoutpaint.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Object store settings, prefix {@code vip.storage}.
 *
 * <p>Every key can also come from the environment under Quarkus' usual mapping, for example
 * {@code VIP_STORAGE_MINIO_ACCESS_KEY} for {@code vip.storage.minio.access-key}. Pods should get
 * credentials that way.
 */
@ConfigMapping(prefix = "vip.storage")
public interface StorageConfig {

    /** The adapter: {@code filesystem} (local mode) or {@code minio} (any S3 API server). */
    @WithDefault("filesystem")
    StorageKind kind();

    /** The bucket that contains inputs, results and {@code result.json} manifests. */
    @WithDefault("vip-outpaint")
    String bucket();

    /** Lifetime of presigned GET URLs. S3 signatures allow 1 second to 7 days. */
    @WithDefault("PT24H")
    Duration presignExpiry();

    /** Settings of the filesystem adapter, read only when {@code kind=filesystem}. */
    Filesystem filesystem();

    /** Settings of the MinIO adapter, read only when {@code kind=minio}. */
    Minio minio();

    interface Filesystem {

        /** Root folder of the store. Each bucket is a folder below it. */
        @WithDefault(".vip/store")
        String root();
    }

    interface Minio {

        /** Base URL of the S3 API, scheme included. The client sends path-style requests to it. */
        @WithDefault("http://127.0.0.1:9000")
        String endpoint();

        /**
         * Region signed into requests. Because it is set, the client skips the bucket-location
         * round trip. MinIO and S3Mock accept {@code us-east-1}.
         */
        @WithDefault("us-east-1")
        String region();

        /** Access key id, required with {@code kind=minio} (env {@code VIP_STORAGE_MINIO_ACCESS_KEY}). */
        Optional<String> accessKey();

        /** Secret key, required with {@code kind=minio} (env {@code VIP_STORAGE_MINIO_SECRET_KEY}). */
        Optional<String> secretKey();

        /** Whether to create the bucket at startup when it does not exist yet. */
        @WithDefault("true")
        boolean createBucket();
    }
}
