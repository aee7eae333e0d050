package dev.vipoutpaint.caption.mllm;

import dev.vipoutpaint.caption.CaptionConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Validated settings of the MLLM captioner; see {@link CaptionConfig.Mllm} for each key's meaning.
 * The constructor checks every value once, so a bad configuration fails at startup with the key
 * name, the value and the allowed range.
 */
public record MllmSettings(
        URI baseUrl,
        String model,
        Optional<String> apiKey,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxTokens,
        double temperature,
        int imageMaxSidePx,
        int maxRetries,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        int maxConcurrentCalls,
        Duration concurrencyWait,
        int circuitRequestVolume,
        double circuitFailureRatio,
        Duration circuitDelay) {

    private static final String PREFIX = "vip.caption.mllm.";

    public MllmSettings {
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw invalid("base-url", baseUrl, "an http:// or https:// URL such as http://127.0.0.1:8000/v1");
        }
        if (model == null || model.isBlank()) {
            throw invalid("model", model, "a non-blank model name as the server lists it under /v1/models");
        }
        apiKey = apiKey.filter(key -> !key.isBlank());
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("request-timeout", requestTimeout);
        requireRange("max-tokens", maxTokens, 16, 8192);
        if (!(temperature >= 0.0 && temperature <= 2.0)) {
            throw invalid("temperature", temperature, "0..2");
        }
        requireRange("image-max-side-px", imageMaxSidePx, 64, 4096);
        requireRange("max-retries", maxRetries, 0, 10);
        requirePositive("retry-initial-delay", retryInitialDelay);
        requirePositive("retry-max-delay", retryMaxDelay);
        requireRange("max-concurrent-calls", maxConcurrentCalls, 1, 256);
        requirePositive("concurrency-wait", concurrencyWait);
        requireRange("circuit-request-volume", circuitRequestVolume, 1, 1000);
        if (!(circuitFailureRatio > 0.0 && circuitFailureRatio <= 1.0)) {
            throw invalid("circuit-failure-ratio", circuitFailureRatio, "greater than 0 and at most 1");
        }
        requirePositive("circuit-delay", circuitDelay);
    }

    /** Reads and validates the {@code vip.caption.mllm} configuration. */
    public static MllmSettings from(CaptionConfig.Mllm config) {
        URI baseUrl;
        try {
            baseUrl = new URI(config.baseUrl());
        } catch (URISyntaxException e) {
            throw invalid("base-url", config.baseUrl(), "a valid URL such as http://127.0.0.1:8000/v1");
        }
        return new MllmSettings(baseUrl, config.model(), config.apiKey(), config.connectTimeout(),
                config.requestTimeout(), config.maxTokens(), config.temperature(), config.imageMaxSidePx(),
                config.maxRetries(), config.retryInitialDelay(), config.retryMaxDelay(), config.maxConcurrentCalls(),
                config.concurrencyWait(), config.circuitRequestVolume(), config.circuitFailureRatio(),
                config.circuitDelay());
    }

    /** Returns the chat-completions endpoint, which is the base URL with {@code /chat/completions} appended. */
    public URI chatCompletionsUri() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(key, value, "a positive duration such as 500ms or 30s");
        }
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(key, value, min + ".." + max);
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String allowed) {
        return new IllegalArgumentException(PREFIX + key + " must be " + allowed + ", got " + value);
    }
}
