package dev.vipoutpaint.caption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the captioning stage, under {@code vip.caption}. */
@ConfigMapping(prefix = "vip.caption")
public interface CaptionConfig {

    /** The captioner to run: {@code heuristic} (embedded, offline) or {@code mllm}. */
    @WithDefault("heuristic")
    Provider provider();

    /** Settings of the multimodal LLM adapter; read only when {@code provider} is {@code mllm}. */
    Mllm mllm();

    /** The available captioners. */
    enum Provider {
        HEURISTIC,
        MLLM
    }

    /** An OpenAI-compatible chat-completions endpoint that accepts images as data URLs. */
    interface Mllm {

        /** Base URL up to and including the version path; {@code /chat/completions} is appended. */
        @WithDefault("http://127.0.0.1:8000/v1")
        String baseUrl();

        /** Model name sent in each request. */
        @WithDefault("default")
        String model();

        /**
         * Bearer token; when unset the {@code VIP_CAPTION_MLLM_API_KEY} environment variable (which
         * SmallRye Config maps to this key) or no Authorization header is used.
         */
        Optional<String> apiKey();

        /** Time allowed to open the TCP connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time allowed for one whole request, from sending to the last byte of the response. */
        @WithDefault("60s")
        Duration requestTimeout();

        /** Upper bound on the generated tokens ({@code max_tokens} in the request). */
        @WithDefault("300")
        int maxTokens();

        /** Sampling temperature; low values keep replies close to the requested JSON. */
        @WithDefault("0.2")
        double temperature();

        /** Long side, in pixels, that the image is scaled down to before it is sent. */
        @WithDefault("768")
        int imageMaxSidePx();

        /** Retries after the first attempt for 429, 5xx, timeouts and connection errors. */
        @WithDefault("3")
        int maxRetries();

        /** Delay before the first retry; each further retry doubles it, with up to 50 % jitter added. */
        @WithDefault("500ms")
        Duration retryInitialDelay();

        /** Upper bound on one retry delay, also applied to a server's Retry-After. */
        @WithDefault("10s")
        Duration retryMaxDelay();

        /** Calls allowed at the same time; further callers wait for a slot. */
        @WithDefault("4")
        int maxConcurrentCalls();

        /** Time a caller waits for a free call slot before failing with CAPTIONER_UNAVAILABLE. */
        @WithDefault("30s")
        Duration concurrencyWait();

        /** Circuit breaker: number of recent calls it judges. */
        @WithDefault("10")
        int circuitRequestVolume();

        /** Circuit breaker: failure ratio among those calls that opens the circuit, 0..1. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** Circuit breaker: time the circuit stays open before a trial call is let through. */
        @WithDefault("30s")
        Duration circuitDelay();
    }
}
