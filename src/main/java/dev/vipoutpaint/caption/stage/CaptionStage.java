package dev.vipoutpaint.caption.stage;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.InvalidEventException;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.Captioner;
import dev.vipoutpaint.caption.PromptComposer;
import dev.vipoutpaint.caption.TokenBudget;
import dev.vipoutpaint.caption.UserPrompts;
import dev.vipoutpaint.caption.WordCountBudget;
import dev.vipoutpaint.config.Channels;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.stage.EventPublisher;
import dev.vipoutpaint.stage.Failures;
import dev.vipoutpaint.stage.IncomingEvents;
import dev.vipoutpaint.stage.JobFailure;
import dev.vipoutpaint.stage.RequestValidator;
import dev.vipoutpaint.stage.SourceLoader;
import dev.vipoutpaint.storage.ObjectStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Captioning stage: reads {@code requested} events, decides the space-aware prompts and writes
 * {@code prompted} events.
 *
 * <p>Steps: decode (a record that is no requested event is nacked to the DLQ), validate, load
 * the source image, caption it unless the user replaced both parts, compose, publish. A job that
 * cannot be done gets a failed event and its record is acknowledged.
 */
@ApplicationScoped
public class CaptionStage {

    private static final Logger LOG = Logger.getLogger(CaptionStage.class);

    @Inject
    VipConfig config;

    @Inject
    ObjectStore store;

    @Inject
    Instance<Captioner> captioner;

    @Inject
    Instance<TokenBudget> tokenBudget;

    @Inject
    EventPublisher publisher;

    private volatile PromptComposer composer;

    /** Runs on a worker thread (captioners block on HTTP or pixel work), one record at a time. */
    @Incoming(Channels.REQUESTED_IN)
    @Blocking
    public CompletionStage<Void> onRequested(Message<byte[]> message) {
        OutpaintRequested request;
        try {
            request = IncomingEvents.decode(message, EventType.REQUESTED, OutpaintRequested.class);
            if (!RequestValidator.isValidJobId(request.jobId())) {
                throw new InvalidEventException("requested event has an unusable jobId '" + request.jobId()
                        + "'; no failed event can be keyed by it");
            }
        } catch (InvalidEventException e) {
            LOG.errorf("Record %s is not a readable requested event (%s); sending it to the dead-letter topic",
                    IncomingEvents.position(message), e.getMessage());
            return message.nack(e);
        }

        try {
            process(request);
        } catch (JobFailure failure) {
            LOG.warnf("jobId=%s: captioning failed with %s: %s", request.jobId(), failure.code(), failure.getMessage());
            publisher.failed(Failures.of(request.jobId(), Stage.CAPTIONER, failure));
        } catch (RuntimeException e) {
            LOG.errorf(e, "jobId=%s: captioning failed unexpectedly; writing a failed event", request.jobId());
            publisher.failed(Failures.of(request.jobId(), Stage.CAPTIONER, ErrorCode.CAPTIONER_UNAVAILABLE,
                    "captioning failed unexpectedly: " + e, true));
        }
        return message.ack();
    }

    /** Validates, captions and publishes one request; package-private for tests. */
    void process(OutpaintRequested request) {
        long startNanos = System.nanoTime();
        RequestValidator.validate(request, config.limits(), store.bucket());

        UserPrompts input = PromptMapping.toUserPrompts(request.prompt());
        Caption caption = null;
        long loadMillis = 0;
        if (!input.replacesBoth()) {
            BufferedImage source = SourceLoader.load(
                    store, request.source(), "source", config.limits().maxInputBytes());
            loadMillis = (System.nanoTime() - startNanos) / 1_000_000;
            caption = caption(request.jobId(), source);
        }
        UsedPrompts prompts = PromptMapping.toUsedPrompts(composer().compose(caption, input));

        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("captionLoad", loadMillis);
        timings.put("caption", (System.nanoTime() - startNanos) / 1_000_000);
        publisher.prompted(new OutpaintPrompted(request.jobId(), request, prompts, timings, Instant.now()));
        publisher.progress(new OutpaintProgress(request.jobId(), Stage.CAPTIONER, "captioned", 0, 0, 0, 0, 0.0,
                Instant.now()));
        LOG.infof("jobId=%s: prompted (%s center, %s surrounding): %s",
                request.jobId(), prompts.centerSource(), prompts.surroundingSource(), prompts.total());
    }

    /**
     * Returns the composer; it counts tokens with the deployed {@link TokenBudget} (the bundle's
     * tokenizer) or, without one, estimates them from words with {@code vip.prompts.text-max-length}.
     */
    private PromptComposer composer() {
        PromptComposer current = composer;
        if (current == null) {
            TokenBudget budget = tokenBudget.isResolvable()
                    ? tokenBudget.get()
                    : new WordCountBudget(config.prompts().textMaxLength());
            current = new PromptComposer(budget);
            composer = current;
        }
        return current;
    }

    private Caption caption(String jobId, BufferedImage source) {
        if (!captioner.isResolvable()) {
            throw new JobFailure(ErrorCode.CAPTIONER_UNAVAILABLE,
                    "no captioner is deployed in this process; give center and surrounding text with mode replace",
                    false, null);
        }
        try {
            return captioner.get().caption(CaptionRequest.extrapolate(source));
        } catch (CaptionException e) {
            ErrorCode code = parseCode(e.code());
            throw new JobFailure(code, e.getMessage(), e.retryable(), e);
        }
    }

    private static ErrorCode parseCode(String code) {
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            return ErrorCode.CAPTIONER_UNAVAILABLE;
        }
    }
}
