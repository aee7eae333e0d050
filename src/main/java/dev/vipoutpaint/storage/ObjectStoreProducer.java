package dev.vipoutpaint.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Makes the one {@link ObjectStore} bean of the application, chosen by {@code vip.storage.kind}. */
@ApplicationScoped
public class ObjectStoreProducer {

    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    /**
     * Creates the store on its first use. The MinIO adapter then checks the bucket with a round
     * trip, so the first use must be on a worker thread.
     */
    @Produces
    @ApplicationScoped
    ObjectStore objectStore(StorageConfig config) {
        return switch (config.kind()) {
            case MINIO -> {
                MinioObjectStore store = MinioObjectStore.connect(config);
                LOG.infof("Object store: bucket %s on %s", store.bucket(), config.minio().endpoint());
                yield store;
            }
            case FILESYSTEM -> {
                FileSystemObjectStore store =
                        new FileSystemObjectStore(Path.of(config.filesystem().root()), config.bucket());
                LOG.infof("Object store: bucket %s in folder %s", store.bucket(), store.bucketDir());
                yield store;
            }
        };
    }
}
