package dev.vipoutpaint.caption.mllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.Captioner;
import dev.vipoutpaint.caption.PromptSource;
import io.smallrye.faulttolerance.api.Guard;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Captions images with a multimodal LLM behind an OpenAI-compatible chat-completions endpoint
 * (vLLM, Ollama, LM Studio, llama.cpp's server, hosted APIs).
 *
 * <p>Each call: scale the image down and attach it as a JPEG data URL, wait for one of
 * {@code max-concurrent-calls} slots, send under the fault-tolerance guard, parse the reply.
 * The guard retries 408, 429, 5xx, timeouts and connection errors with exponential backoff
 * (honouring Retry-After), and a circuit breaker counts each attempt: when too many recent
 * attempts failed, calls fail at once with {@code CAPTIONER_UNAVAILABLE} until the circuit's
 * delay has passed. Other 4xx responses are not retried, because the same request would fail
 * the same way. Blocking; call it from a worker thread. Thread-safe.
 */
public final class MllmCaptioner implements Captioner {

    private static final Logger LOG = Logger.getLogger(MllmCaptioner.class);

    private final MllmSettings settings;
    private final HttpClient http;
    private final Guard guard;
    private final Semaphore callSlots;
    private final PromptTemplates templates = new PromptTemplates();
    private final CaptionReplyParser parser = new CaptionReplyParser();
    private final ObjectMapper json = new ObjectMapper();

    public MllmCaptioner(MllmSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
        this.callSlots = new Semaphore(settings.maxConcurrentCalls(), true);
        this.guard = buildGuard(settings);
        LOG.infof("MLLM captioner: endpoint %s, model %s, API key %s", settings.chatCompletionsUri(),
                settings.model(), settings.apiKey().isPresent() ? "set" : "not set");
    }

    private static Guard buildGuard(MllmSettings settings) {
        // Worst case of one call: every attempt times out and every delay is at its maximum.
        long maxDurationMillis = (settings.maxRetries() + 1L)
                * (settings.requestTimeout().toMillis() + settings.retryMaxDelay().toMillis()) + 1_000L;
        return Guard.create()
                .withDescription("mllm-captioner")
                .withRetry()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.retryInitialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(maxDurationMillis, ChronoUnit.MILLIS)
                    .whenException(MllmCaptioner::isRetryable)
                    .withCustomBackoff()
                        .strategy(() -> new RetryBackoff(settings.retryInitialDelay(), settings.retryMaxDelay()))
                        .done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(settings.circuitRequestVolume())
                    .failureRatio(settings.circuitFailureRatio())
                    .delay(settings.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .when(MllmCaptioner::isRetryable)
                    .onStateChange(state -> LOG.warnf("MLLM circuit breaker is now %s", state))
                    .done()
                .build();
    }

    private static boolean isRetryable(Throwable failure) {
        return failure instanceof ChatCallException call && call.retryable();
    }

    @Override
    public Caption caption(CaptionRequest request) {
        BufferedImage image = request.image();
        if (request.mode() == CaptionMode.DESCRIBE) {
            requireBoxInside(request.centerBox(), image);
        }

        // 1. Build the request body once; retries resend the same bytes.
        String instruction = templates.instruction(request.mode(), image.getWidth(), image.getHeight(),
                request.centerBox());
        String dataUrl = ImageDataUrl.encode(ImageDataUrl.fit(image, settings.imageMaxSidePx()));
        String body = ChatRequestBody.of(json, settings, templates.system(), instruction, dataUrl);

        // 2. Wait for a call slot, then call under the guard.
        String reply = callWithSlot(body, request.jobId());

        // 3. Parse the model's text into the two prompts.
        try {
            CaptionReplyParser.Parts parts = parser.parse(reply);
            if (parts.center().isEmpty() || parts.surrounding().isEmpty()) {
                LOG.warnf("jobId=%s MLLM reply lacks the %s part; that part stays empty", request.jobId(),
                        parts.center().isEmpty() ? "center" : "surrounding");
            }
            return new Caption(parts.center(), parts.surrounding(), PromptSource.MLLM);
        } catch (CaptionReplyParser.UnusableReplyException e) {
            throw new CaptionException("CAPTIONER_UNAVAILABLE",
                    e.getMessage() + "; check that model " + settings.model() + " follows JSON instructions", true, e);
        }
    }

    private String callWithSlot(String body, String jobId) {
        boolean acquired;
        try {
            acquired = callSlots.tryAcquire(settings.concurrencyWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptionException("CAPTIONER_UNAVAILABLE", "interrupted while waiting for an MLLM call slot",
                    true, e);
        }
        if (!acquired) {
            throw new CaptionException("CAPTIONER_UNAVAILABLE", "all " + settings.maxConcurrentCalls()
                    + " MLLM call slots stayed busy for " + settings.concurrencyWait()
                    + "; raise vip.caption.mllm.max-concurrent-calls or scale the MLLM server", true, null);
        }

        AtomicInteger attempts = new AtomicInteger();
        try {
            return guard.call(() -> {
                int attempt = attempts.incrementAndGet();
                try {
                    return send(body);
                } catch (ChatCallException e) {
                    if (e.retryable() && attempt <= settings.maxRetries()) {
                        LOG.warnf("jobId=%s MLLM attempt %d of %d failed, retrying after a backoff delay: %s",
                                jobId, attempt, settings.maxRetries() + 1, e.getMessage());
                    }
                    throw e;
                }
            }, String.class);
        } catch (CircuitBreakerOpenException e) {
            throw new CaptionException("CAPTIONER_UNAVAILABLE", "MLLM calls are paused for up to "
                    + settings.circuitDelay() + " after repeated failures at " + settings.chatCompletionsUri()
                    + " (circuit breaker open)", true, e);
        } catch (ChatCallException e) {
            String tries = attempts.get() == 1 ? "1 attempt" : attempts.get() + " attempts";
            LOG.errorf("jobId=%s MLLM call failed after %s: %s", jobId, tries, e.getMessage());
            throw new CaptionException("CAPTIONER_UNAVAILABLE", e.getMessage() + " (after " + tries + ")",
                    e.retryable(), e);
        } catch (CaptionException e) {
            throw e;
        } catch (Exception e) {
            throw new CaptionException("CAPTIONER_UNAVAILABLE", "MLLM call failed: " + e, true, e);
        } finally {
            callSlots.release();
        }
    }

    /** Sends one attempt; returns the assistant message text or throws {@link ChatCallException}. */
    private String send(String body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletionsUri())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));

        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ChatCallException(0, true, null, "MLLM request to " + settings.chatCompletionsUri()
                    + " timed out after " + settings.requestTimeout(), e);
        } catch (IOException e) {
            throw new ChatCallException(0, true, null, "MLLM request to " + settings.chatCompletionsUri()
                    + " failed: " + e, e);
        }

        int status = response.statusCode();
        if (status == 200) {
            return messageText(response.body());
        }
        throw statusFailure(status, response);
    }

    private ChatCallException statusFailure(int status, HttpResponse<String> response) {
        String detail = "MLLM server " + settings.chatCompletionsUri() + " returned HTTP " + status + ": "
                + errorMessage(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            return new ChatCallException(status, true, retryAfter(response), detail, null);
        }
        String fix = switch (status) {
            case 401, 403 -> "; check vip.caption.mllm.api-key";
            case 404 -> "; check vip.caption.mllm.base-url (it ends in the API version, such as /v1)"
                    + " and vip.caption.mllm.model";
            default -> "; check that model " + settings.model() + " accepts images";
        };
        return new ChatCallException(status, false, null, detail + fix, null);
    }

    /** Extracts {@code choices[0].message.content}, a string or a list of text parts. */
    private String messageText(String responseBody) {
        JsonNode root;
        try {
            root = json.readTree(responseBody);
        } catch (IOException e) {
            throw new ChatCallException(200, false, null,
                    "MLLM server returned a body that is not JSON: " + preview(responseBody), e);
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || content.isMissingNode() || content.isNull()) {
            throw new ChatCallException(200, false, null,
                    "MLLM response has no choices[0].message.content: " + preview(responseBody), null);
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return content.asText();
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(null);
    }

    private String errorMessage(String body) {
        try {
            JsonNode message = json.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // Not a JSON error body; show the raw start instead.
        }
        return preview(body);
    }

    private static String preview(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return "\"" + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat) + "\"";
    }

    private static void requireBoxInside(Rectangle box, BufferedImage image) {
        if (box.width <= 0 || box.height <= 0 || box.x < 0 || box.y < 0
                || box.x + box.width > image.getWidth() || box.y + box.height > image.getHeight()) {
            throw new CaptionException("INVALID_REQUEST", "centerBox x=" + box.x + ",y=" + box.y + ",w=" + box.width
                    + ",h=" + box.height + " must be non-empty and lie inside the " + image.getWidth() + "x"
                    + image.getHeight() + " image", false, null);
        }
    }
}
