package dev.vipoutpaint.caption.mllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MllmSettingsTest {

    private static MllmSettings withBaseUrl(String baseUrl) {
        return new MllmSettings(URI.create(baseUrl), "m", Optional.of(" "), Duration.ofSeconds(1), Duration.ofSeconds(1),
                300, 0.2, 768, 3, Duration.ofMillis(500), Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 10, 0.5,
                Duration.ofSeconds(30));
    }

    @Test
    void endpointAppendsChatCompletions() {
        assertThat(withBaseUrl("http://127.0.0.1:8000/v1").chatCompletionsUri())
                .isEqualTo(URI.create("http://127.0.0.1:8000/v1/chat/completions"));
        assertThat(withBaseUrl("http://127.0.0.1:8000/v1/").chatCompletionsUri())
                .isEqualTo(URI.create("http://127.0.0.1:8000/v1/chat/completions"));
    }

    @Test
    void blankApiKeyCountsAsUnset() {
        assertThat(withBaseUrl("http://127.0.0.1:8000/v1").apiKey()).isEmpty();
    }

    @Test
    void nonHttpBaseUrlIsRejected() {
        assertThatThrownBy(() -> withBaseUrl("ftp://127.0.0.1/v1"))
                .hasMessageContaining("vip.caption.mllm.base-url")
                .hasMessageContaining("ftp://127.0.0.1/v1");
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertThatThrownBy(() -> new MllmSettings(URI.create("http://127.0.0.1:8000/v1"), "m", Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 300, 0.2, 20, 3, Duration.ofMillis(500),
                Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 10, 0.5, Duration.ofSeconds(30)))
                .hasMessage("vip.caption.mllm.image-max-side-px must be 64..4096, got 20");
        assertThatThrownBy(() -> new MllmSettings(URI.create("http://127.0.0.1:8000/v1"), "m", Optional.empty(),
                Duration.ofSeconds(1), Duration.ZERO, 300, 0.2, 768, 3, Duration.ofMillis(500),
                Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 10, 0.5, Duration.ofSeconds(30)))
                .hasMessageContaining("vip.caption.mllm.request-timeout");
        assertThatThrownBy(() -> new MllmSettings(URI.create("http://127.0.0.1:8000/v1"), "m", Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 300, 0.2, 768, 3, Duration.ofMillis(500),
                Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 10, 1.5, Duration.ofSeconds(30)))
                .hasMessageContaining("circuit-failure-ratio").hasMessageContaining("1.5");
    }
}
