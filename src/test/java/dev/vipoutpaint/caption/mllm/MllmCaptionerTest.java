package dev.vipoutpaint.caption.mllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.PromptSource;
import dev.vipoutpaint.caption.mllm.FakeChatServer.Reply;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MllmCaptionerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeChatServer server;
    private BufferedImage photo;

    @BeforeEach
    void start() throws IOException {
        server = new FakeChatServer();
        try (InputStream in = getClass().getResourceAsStream("/photos/sky-over-water.jpg")) {
            photo = ImageIO.read(in);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    /** Settings for fast tests: short delays, a small circuit, generous timeouts unless a test shortens them. */
    static MllmSettings settings(URI baseUrl, Duration requestTimeout, int maxRetries, int circuitVolume) {
        return settings(baseUrl, requestTimeout, maxRetries, circuitVolume, Duration.ofSeconds(30));
    }

    static MllmSettings settings(URI baseUrl, Duration requestTimeout, int maxRetries, int circuitVolume,
            Duration circuitDelay) {
        return new MllmSettings(baseUrl, "test-vlm", Optional.of("sk-test"), Duration.ofSeconds(2), requestTimeout,
                300, 0.2, 128, maxRetries, Duration.ofMillis(20), Duration.ofMillis(200), 2, Duration.ofSeconds(5),
                circuitVolume, 0.5, circuitDelay);
    }

    private MllmCaptioner captioner() {
        return new MllmCaptioner(settings(server.baseUrl(), Duration.ofSeconds(5), 3, 20));
    }

    @Test
    void normalAnswerBecomesCaption() {
        server.reply(Reply.answer("{\"center\": \"a pale sky over an estuary\", \"surrounding\": \"more sky above, mud flats below\"}"));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.center()).isEqualTo("a pale sky over an estuary");
        assertThat(caption.surrounding()).isEqualTo("more sky above, mud flats below");
        assertThat(caption.source()).isEqualTo(PromptSource.MLLM);
    }

    @Test
    void requestBodyFollowsChatCompletionsProtocol() throws IOException {
        server.reply(Reply.answer("{\"center\": \"c\", \"surrounding\": \"s\"}"));

        captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(server.received()).hasSize(1);
        FakeChatServer.Received received = server.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(received.header("Content-Type")).startsWith("application/json");

        JsonNode body = JSON.readTree(received.body());
        assertThat(body.path("model").asText()).isEqualTo("test-vlm");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).contains("\"center\"").contains("\"surrounding\"");
        JsonNode content = body.path("messages").get(1).path("content");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");

        String url = content.get(1).path("image_url").path("url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring("data:image/jpeg;base64,".length()))));
        assertThat(sent.getWidth()).as("320 px photo scaled to the 128 px limit").isEqualTo(128);
        assertThat(sent.getHeight()).isEqualTo(88);
    }

    @Test
    void describeModeSendsBoxInPercent() throws IOException {
        server.reply(Reply.answer("{\"center\": \"c\", \"surrounding\": \"s\"}"));
        CaptionRequest request = new CaptionRequest(photo, CaptionMode.DESCRIBE, new Rectangle(80, 55, 160, 110));

        captioner().caption(request);

        String text = JSON.readTree(server.received().get(0).body()).path("messages").get(1).path("content").get(0)
                .path("text").asText();
        assertThat(text).contains("from 25% to 75% of the image width").contains("from 25% to 75% of the image height");
    }

    @Test
    void smallImageIsNotEnlarged() throws IOException {
        server.reply(Reply.answer("{\"center\": \"c\", \"surrounding\": \"s\"}"));
        BufferedImage small = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);

        captioner().caption(CaptionRequest.extrapolate(small));

        String url = JSON.readTree(server.received().get(0).body()).path("messages").get(1).path("content").get(1)
                .path("image_url").path("url").asText();
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(23))));
        assertThat(sent.getWidth()).isEqualTo(40);
        assertThat(sent.getHeight()).isEqualTo(30);
    }

    @Test
    void codeFencedAnswerIsAccepted() {
        server.reply(Reply.answer("```json\n{\"center\": \"a lighthouse\", \"surrounding\": \"rough sea\"}\n```"));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.center()).isEqualTo("a lighthouse");
        assertThat(caption.surrounding()).isEqualTo("rough sea");
    }

    @Test
    void proseAroundJsonIsAccepted() {
        server.reply(Reply.answer("Sure! Here is the JSON you asked for:\n{\"center\": \"a lighthouse\","
                + " \"surrounding\": \"rough sea\"}\nLet me know if you need anything else."));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.center()).isEqualTo("a lighthouse");
        assertThat(caption.surrounding()).isEqualTo("rough sea");
    }

    @Test
    void singleQuotedAnswerIsAccepted() {
        server.reply(Reply.answer("{'center': 'a lighthouse', 'surrounding': 'rough sea',}"));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.center()).isEqualTo("a lighthouse");
        assertThat(caption.surrounding()).isEqualTo("rough sea");
    }

    @Test
    void missingKeyLeavesThatPartEmpty() {
        server.reply(Reply.answer("{\"center\": \"a lighthouse\"}"));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.center()).isEqualTo("a lighthouse");
        assertThat(caption.surrounding()).isEmpty();
    }

    @Test
    void overlongTextIsCut() {
        String longText = "waves ".repeat(400).strip();
        server.reply(Reply.answer("{\"center\": \"a lighthouse\", \"surrounding\": \"" + longText + "\"}"));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.surrounding().length()).isLessThanOrEqualTo(CaptionReplyParser.MAX_PART_CHARS);
        assertThat(caption.surrounding()).startsWith("waves waves").endsWith("waves");
    }

    @Test
    void unusableAnswerIsRejected() {
        server.reply(Reply.answer("I'm sorry, I cannot help with that image."));

        assertThatThrownBy(() -> captioner().caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("no \"center\" or \"surrounding\"")
                .hasMessageContaining("I'm sorry")
                .satisfies(e -> assertThat(((CaptionException) e).code()).isEqualTo("CAPTIONER_UNAVAILABLE"));
        assertThat(server.received()).as("unusable answers are not retried").hasSize(1);
    }

    @Test
    void missingChoicesIsRejected() {
        server.reply(Reply.status(200, "{\"object\": \"chat.completion\", \"choices\": []}"));

        assertThatThrownBy(() -> captioner().caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("choices[0].message.content");
    }

    @Test
    void rateLimitThenSuccessIsRetried() {
        server.reply(
                Reply.status(429, "{\"error\": {\"message\": \"rate limit\"}}").withHeader("Retry-After", "0"),
                Reply.answer("{\"center\": \"after retry\", \"surrounding\": \"s\"}"));

        Caption caption = captioner().caption(CaptionRequest.extrapolate(photo));

        assertThat(caption.center()).isEqualTo("after retry");
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).body()).as("retry resends the same body")
                .isEqualTo(server.received().get(0).body());
    }

    @Test
    void serverErrorsUseBoundedRetries() {
        server.reply(Reply.status(503, "{\"error\": {\"message\": \"overloaded\"}}"));

        assertThatThrownBy(() -> captioner().caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("overloaded")
                .hasMessageContaining("after 4 attempts")
                .satisfies(e -> assertThat(((CaptionException) e).retryable()).isTrue());
        assertThat(server.received()).as("first attempt plus 3 retries").hasSize(4);
    }

    @Test
    void clientErrorIsNotRetried() {
        server.reply(Reply.status(400, "{\"error\": {\"message\": \"model does not support images\"}}"));

        assertThatThrownBy(() -> captioner().caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("model does not support images")
                .satisfies(e -> assertThat(((CaptionException) e).retryable()).isFalse());
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void unauthorizedNamesApiKeySetting() {
        server.reply(Reply.status(401, "{\"error\": {\"message\": \"invalid api key\"}}"));

        assertThatThrownBy(() -> captioner().caption(CaptionRequest.extrapolate(photo)))
                .hasMessageContaining("vip.caption.mllm.api-key");
    }

    @Test
    void slowServerTimesOut() {
        server.reply(Reply.answer("{\"center\": \"late\", \"surrounding\": \"late\"}").delayed(5_000));
        MllmCaptioner captioner = new MllmCaptioner(settings(server.baseUrl(), Duration.ofMillis(300), 1, 20));

        long start = System.nanoTime();
        assertThatThrownBy(() -> captioner.caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("timed out after PT0.3S")
                .hasMessageContaining("after 2 attempts")
                .satisfies(e -> assertThat(((CaptionException) e).code()).isEqualTo("CAPTIONER_UNAVAILABLE"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).as("two 300 ms attempts, not the 5 s reply").isLessThan(4_000);
    }

    @Test
    void serverErrorStormOpensCircuit() {
        server.reply(Reply.status(500, "{\"error\": {\"message\": \"boom\"}}"));
        // No retries and a 4-call window, so the circuit opens after 4 failed calls.
        MllmCaptioner captioner = new MllmCaptioner(settings(server.baseUrl(), Duration.ofSeconds(5), 0, 4));

        for (int call = 0; call < 4; call++) {
            assertThatThrownBy(() -> captioner.caption(CaptionRequest.extrapolate(photo)))
                    .hasMessageContaining("HTTP 500");
        }
        int requestsBeforeOpen = server.received().size();

        assertThatThrownBy(() -> captioner.caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("circuit breaker open")
                .satisfies(e -> assertThat(((CaptionException) e).code()).isEqualTo("CAPTIONER_UNAVAILABLE"))
                .satisfies(e -> assertThat(((CaptionException) e).retryable()).isTrue());
        assertThat(requestsBeforeOpen).isEqualTo(4);
        assertThat(server.received()).as("an open circuit sends nothing").hasSize(4);
    }

    @Test
    void circuitClosesAfterDelay() {
        server.reply(
                Reply.status(500, "{}"), Reply.status(500, "{}"),
                Reply.answer("{\"center\": \"recovered\", \"surrounding\": \"s\"}"));
        MllmCaptioner captioner = new MllmCaptioner(
                settings(server.baseUrl(), Duration.ofSeconds(5), 0, 2, Duration.ofSeconds(2)));
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> captioner.caption(CaptionRequest.extrapolate(photo))).hasMessageContaining("HTTP 500");
        }
        assertThatThrownBy(() -> captioner.caption(CaptionRequest.extrapolate(photo)))
                .hasMessageContaining("circuit breaker open");

        Caption caption = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .ignoreException(CaptionException.class)
                .until(() -> captioner.caption(CaptionRequest.extrapolate(photo)), result -> result != null);

        assertThat(caption.center()).isEqualTo("recovered");
        assertThat(server.received()).as("two failures and one trial call").hasSize(3);
    }

    @Test
    void concurrentCallsAreBounded() throws Exception {
        server.reply(Reply.answer("{\"center\": \"c\", \"surrounding\": \"s\"}").delayed(300));
        MllmCaptioner captioner = captioner();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Caption>> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                Callable<Caption> call = () -> captioner.caption(CaptionRequest.extrapolate(photo));
                results.add(callers.submit(call));
            }
            for (Future<Caption> result : results) {
                assertThat(result.get().center()).isEqualTo("c");
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("4 calls of 300 ms through 2 slots take two rounds").isGreaterThanOrEqualTo(600);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        URI closed = server.baseUrl();
        server.close();
        MllmCaptioner captioner = new MllmCaptioner(settings(closed, Duration.ofSeconds(1), 1, 20));

        assertThatThrownBy(() -> captioner.caption(CaptionRequest.extrapolate(photo)))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining(closed.toString())
                .satisfies(e -> assertThat(((CaptionException) e).retryable()).isTrue());
    }

    @Test
    void centerBoxOutsideImageIsInvalidRequest() {
        CaptionRequest request = new CaptionRequest(photo, CaptionMode.DESCRIBE, new Rectangle(0, 0, 400, 100));

        assertThatThrownBy(() -> captioner().caption(request))
                .isInstanceOf(CaptionException.class)
                .satisfies(e -> assertThat(((CaptionException) e).code()).isEqualTo("INVALID_REQUEST"))
                .hasMessageContaining("w=400");
        assertThat(server.received()).isEmpty();
    }
}
