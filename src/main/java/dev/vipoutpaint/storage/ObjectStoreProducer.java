package dev.vipoutpaint.storage;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Makes the one {@link ObjectStore} bean of the application, selected by {@code vip.storage.kind}. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    @Default
    ObjectStore objectStore(StorageConfig config, @Identifier(MinioObjectStoreProducer.IDENTIFIER) Instance<ObjectStore> minio) {
        return switch (config.kind()) {
            case MINIO -> minio.get();
            // TODO: wire the filesystem adapter here once the service branch is merged.
            case FILESYSTEM -> throw new IllegalStateException(
                    "vip.storage.kind=filesystem is not available in this build; set vip.storage.kind=minio");
        };
    }
}
