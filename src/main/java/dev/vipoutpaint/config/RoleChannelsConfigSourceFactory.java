package dev.vipoutpaint.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code vip.roles} into {@code mp.messaging.*.enabled=false} for the channels of the
 * roles this process does not run, so their Kafka consumers and producers are never created.
 *
 * <p>Its ordinal (200) is below application.properties, so an explicit
 * {@code mp.messaging...enabled} there or in the environment still wins.
 */
public class RoleChannelsConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue rolesValue = context.getValue(Roles.KEY);
        String raw = rolesValue == null || rolesValue.getValue() == null ? "all" : rolesValue.getValue();
        Set<Role> roles = Roles.parse(raw);

        Map<String, String> properties = new HashMap<>();
        for (Channels.Usage usage : Channels.STAGE_CHANNELS) {
            boolean needed = usage.roles().stream().anyMatch(roles::contains);
            if (!needed) {
                properties.put(usage.enabledKey(), "false");
            }
        }
        return List.of(new MapBackedConfigSource("vip-role-channels", properties, ORDINAL) {
        });
    }
}
