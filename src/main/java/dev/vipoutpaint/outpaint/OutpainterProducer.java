package dev.vipoutpaint.outpaint;

import dev.vipoutpaint.config.VipConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/**
 * Makes the {@link Outpainter} a CDI bean. The bundle loads once per process, on first use, so
 * processes that run only the gateway or captioner never load a model. It is freed at shutdown.
 */
@ApplicationScoped
public class OutpainterProducer {

    /** Produced as the interface so the client proxy needs no subclass of the final implementation. */
    @Produces
    @ApplicationScoped
    Outpainter outpainter(ModelConfig config, VipConfig.Limits limits) {
        return DiffusionOutpainter.load(Path.of(config.bundle()), config.device(), OutpainterLimits.of(limits));
    }

    void close(@Disposes Outpainter outpainter) {
        if (outpainter instanceof DiffusionOutpainter diffusion) {
            diffusion.close();
        }
    }
}
