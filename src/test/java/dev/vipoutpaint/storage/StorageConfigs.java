package dev.vipoutpaint.storage;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** Builds a {@link StorageConfig} from properties the way Quarkus does, defaults included. */
final class StorageConfigs {

    private StorageConfigs() {
    }

    static StorageConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(StorageConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(StorageConfig.class);
    }
}
