package dev.vipoutpaint.outpaint;

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
    Outpainter outpainter(ModelConfig config) {
        return DiffusionOutpainter.load(Path.of(config.bundle()), config.device(), OutpainterLimits.of(config));
    }

    void close(@Disposes Outpainter outpainter) {
        if (outpainter instanceof DiffusionOutpainter diffusion) {
            diffusion.close();
        }
    }
}
