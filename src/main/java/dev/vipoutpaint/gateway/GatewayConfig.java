package dev.vipoutpaint.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the REST gateway, prefix {@code vip.gateway}. */
@ConfigMapping(prefix = "vip.gateway")
public interface GatewayConfig {

    /**
     * Max jobs whose live status this process keeps in memory. The least recently used job is
     * dropped first. A dropped completed job is still found through its {@code result.json}.
     */
    @WithDefault("10000")
    int maxTrackedJobs();

    /** Max time the broker may take to acknowledge a request event before the POST fails with 503. */
    @WithDefault("PT30S")
    Duration publishTimeout();

    /** Max lifetime of one server-sent event stream. Clients reconnect to follow longer jobs. */
    @WithDefault("PT30M")
    Duration eventStreamTimeout();
}
