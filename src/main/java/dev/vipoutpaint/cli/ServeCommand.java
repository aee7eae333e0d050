package dev.vipoutpaint.cli;

import dev.vipoutpaint.config.Roles;
import dev.vipoutpaint.config.VipConfig;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;

/** {@code vip serve}: runs the configured roles against external Kafka and the object store until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the configured roles against external Kafka and object storage.",
            "Runs the roles in vip.roles (gateway, captioner, worker, or all) against kafka.bootstrap.servers and",
            "the store in vip.storage.*, until SIGTERM or Ctrl-C; the worker drains its running job first.",
            "  vip serve            # settings from config/application.properties and the environment"
        })
public class ServeCommand implements Callable<Integer> {

    public static final String NAME = "serve";

    private static final Logger LOG = Logger.getLogger(ServeCommand.class);

    @Inject
    VipConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Override
    public Integer call() {
        LOG.infof("Serving roles %s against Kafka %s", Roles.parse(config.roles()), bootstrapServers);
        Quarkus.waitForExit();
        return 0;
    }
}
