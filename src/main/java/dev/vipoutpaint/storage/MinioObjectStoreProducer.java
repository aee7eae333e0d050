package dev.vipoutpaint.storage;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Makes the MinIO adapter a bean with {@code @Identifier("minio")}. The {@link ObjectStore} that
 * code injects without a qualifier comes from {@link ObjectStoreProducer}, which selects this
 * bean when {@code vip.storage.kind=minio}.
 */
@ApplicationScoped
public class MinioObjectStoreProducer {

    public static final String IDENTIFIER = "minio";

    private static final Logger LOG = Logger.getLogger(MinioObjectStoreProducer.class);

    /**
     * Connects on first use and creates the bucket if needed. That is a round trip, so the first
     * use must be on a worker thread.
     */
    @Produces
    @ApplicationScoped
    @Identifier(IDENTIFIER)
    ObjectStore minioObjectStore(StorageConfig config) {
        MinioObjectStore store = MinioObjectStore.connect(config);
        LOG.infof("Object store: MinIO bucket %s at %s", store.bucket(), config.minio().endpoint());
        return store;
    }
}
