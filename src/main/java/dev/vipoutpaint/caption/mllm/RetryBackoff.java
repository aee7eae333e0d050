package dev.vipoutpaint.caption.mllm;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter that also honours a server's Retry-After.
 *
 * <p>Delay before retry n (0-based): {@code min(max, initial * 2^n)} plus up to half of that as
 * random jitter, so clients that failed together do not retry together. A Retry-After longer
 * than that replaces it, capped at the same maximum. One instance serves one call.
 */
final class RetryBackoff implements CustomBackoffStrategy {

    private final long initialMillis;
    private final long maxMillis;
    private int retries;

    RetryBackoff(Duration initialDelay, Duration maxDelay) {
        this.initialMillis = initialDelay.toMillis();
        this.maxMillis = maxDelay.toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long exponential = Math.min(maxMillis, initialMillis << Math.min(retries, 30));
        retries++;
        long jitter = exponential / 2 == 0 ? 0 : ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long delay = Math.min(maxMillis, exponential + jitter);

        if (failure instanceof ChatCallException call && call.retryAfter().isPresent()) {
            long retryAfterMillis = Math.min(maxMillis, call.retryAfter().get().toMillis());
            delay = Math.max(delay, retryAfterMillis);
        }
        return delay;
    }
}
