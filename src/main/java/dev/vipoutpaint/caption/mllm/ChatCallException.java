package dev.vipoutpaint.caption.mllm;

import java.time.Duration;
import java.util.Optional;

/**
 * One failed chat-completions attempt.
 *
 * @see MllmCaptioner for which failures are retried and which open the circuit
 */
final class ChatCallException extends RuntimeException {

    /** HTTP status, or 0 when no response arrived (timeout, connection refused). */
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    ChatCallException(int status, boolean retryable, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** True for failures another attempt may fix: 408, 429, 5xx, timeouts, connection errors. */
    boolean retryable() {
        return retryable;
    }

    /** Returns the server's Retry-After, when it sent one in seconds. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
