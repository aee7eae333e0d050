package dev.vipoutpaint.caption;

import dev.vipoutpaint.caption.heuristic.HeuristicCaptioner;
import dev.vipoutpaint.caption.mllm.MllmCaptioner;
import dev.vipoutpaint.caption.mllm.MllmSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Produces the {@link Captioner} that {@code vip.caption.provider} selects. */
@ApplicationScoped
public class CaptionerProducer {

    private static final Logger LOG = Logger.getLogger(CaptionerProducer.class);

    @Produces
    @ApplicationScoped
    Captioner captioner(CaptionConfig config) {
        LOG.infof("Captioner: %s", config.provider().name().toLowerCase(Locale.ROOT));
        return switch (config.provider()) {
            case HEURISTIC -> new HeuristicCaptioner();
            case MLLM -> new MllmCaptioner(MllmSettings.from(config.mllm()));
        };
    }
}
