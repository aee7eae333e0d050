package dev.vipoutpaint.caption.mllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static final RuntimeException FAILURE = new RuntimeException("503");

    @Test
    void delaysGrowAndStayBounded() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(1_000));

        long first = backoff.nextDelayInMillis(FAILURE);
        long second = backoff.nextDelayInMillis(FAILURE);
        long third = backoff.nextDelayInMillis(FAILURE);
        long tenth = 0;
        for (int i = 0; i < 7; i++) {
            tenth = backoff.nextDelayInMillis(FAILURE);
        }

        assertThat(first).isBetween(100L, 150L);
        assertThat(second).isBetween(200L, 300L);
        assertThat(third).isBetween(400L, 600L);
        assertThat(tenth).isEqualTo(1_000L);
    }

    @Test
    void retryAfterIsHonouredUpToMax() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(5_000));
        ChatCallException rateLimited = new ChatCallException(429, true, Duration.ofSeconds(2), "429", null);
        ChatCallException tooLong = new ChatCallException(429, true, Duration.ofSeconds(60), "429", null);

        assertThat(backoff.nextDelayInMillis(rateLimited)).isEqualTo(2_000L);
        assertThat(backoff.nextDelayInMillis(tooLong)).isEqualTo(5_000L);
    }
}
