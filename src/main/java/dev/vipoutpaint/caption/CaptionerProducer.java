package dev.vipoutpaint.caption;

import dev.vipoutpaint.caption.heuristic.HeuristicCaptioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Produces the {@link Captioner} that {@code vip.caption.provider} selects. */
@ApplicationScoped
public class CaptionerProducer {

    private static final Logger LOG = Logger.getLogger(CaptionerProducer.class);

    @Produces
    @ApplicationScoped
    Captioner captioner(CaptionConfig config) {
        LOG.infof("Captioner: %s", config.provider().name().toLowerCase(java.util.Locale.ROOT));
        return switch (config.provider()) {
            case HEURISTIC -> new HeuristicCaptioner();
            // TODO: build the MLLM adapter here once it exists.
            case MLLM -> throw new IllegalStateException("vip.caption.provider=mllm is not available in this build; set vip.caption.provider=heuristic");
        };
    }
}
