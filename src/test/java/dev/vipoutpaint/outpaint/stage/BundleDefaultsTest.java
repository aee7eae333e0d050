package dev.vipoutpaint.outpaint.stage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.caption.PromptSource;
import dev.vipoutpaint.caption.SpacePrompts;
import dev.vipoutpaint.local.LocalKafkaResource;
import dev.vipoutpaint.outpaint.CanvasSpec;
import dev.vipoutpaint.outpaint.ImageDecoder;
import dev.vipoutpaint.outpaint.OutpaintException;
import dev.vipoutpaint.outpaint.OutpaintTask;
import dev.vipoutpaint.outpaint.Outpainter;
import dev.vipoutpaint.outpaint.SamplingSpec;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.EventSchemas;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Sampling values a request leaves out come from the loaded bundle's {@code model.json}, and the
 * steps limit is one setting ({@code vip.limits.max-steps}) that the gateway, the stages and the
 * engine all apply. All roles run on the in-process broker with a bundle whose defaults differ
 * from the former built-in ones.
 */
@QuarkusTest
@TestProfile(BundleDefaultsTest.StepsLimitSix.class)
@WithTestResource(LocalKafkaResource.class)
@WithTestResource(EditedBundleResource.class)
class BundleDefaultsTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path PHOTO = Path.of("samples", "dune.jpg");
    static final int MAX_STEPS = 6;

    public static class StepsLimitSix implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vip.limits.max-steps", String.valueOf(MAX_STEPS));
        }
    }

    @Inject
    ObjectStore store;

    @Inject
    Outpainter outpainter;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void omittedSamplingValuesComeFromTheBundle() throws Exception {
        String jobId = "bundle-defaults-" + UUID.randomUUID();
        String source = upload(jobId);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId,
                request(jobId, source, new SamplingOptions(null, null, null, 5L, null, null)));

        OutpaintCompleted completed = awaitCompleted(jobId);
        assertThat(completed.sampling().sampler()).as("sampler from model.json").isEqualTo(EditedBundleResource.SAMPLER);
        assertThat(completed.sampling().steps()).as("steps from model.json").isEqualTo(EditedBundleResource.STEPS);
        assertThat(completed.sampling().guidanceScale()).as("guidance scale from model.json")
                .isEqualTo(EditedBundleResource.GUIDANCE_SCALE);
        OutpaintCompleted manifest = EventCodec.fromJson(read(completed.manifest()), OutpaintCompleted.class);
        assertThat(manifest.sampling()).as("sampling recorded in result.json").isEqualTo(completed.sampling());
    }

    @Test
    void requestValuesWinOverTheBundle() throws Exception {
        String jobId = "request-values-" + UUID.randomUUID();
        String source = upload(jobId);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId,
                request(jobId, source, new SamplingOptions("ddim", 2, 1.5, 5L, null, null)));

        OutpaintCompleted completed = awaitCompleted(jobId);
        assertThat(completed.sampling().sampler()).isEqualTo("ddim");
        assertThat(completed.sampling().steps()).isEqualTo(2);
        assertThat(completed.sampling().guidanceScale()).isEqualTo(1.5);
    }

    @Test
    void stepsAboveLimitFailEverywhere() throws Exception {
        String jobId = "too-many-steps-" + UUID.randomUUID();
        String source = upload(jobId);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId,
                request(jobId, source, new SamplingOptions(null, MAX_STEPS + 1, null, 5L, null, null)));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readJob(bootstrap, "vip.outpaint.failed", jobId, 1, WAIT);
        assertThat(records).as("failed events of %s", jobId).hasSize(1);
        EventSchemas.assertValid(EventType.FAILED, records.get(0).value());
        OutpaintFailed failed = EventCodec.fromJson(records.get(0).value(), OutpaintFailed.class);
        assertThat(failed.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failed.message()).isEqualTo("sampling.steps must be 1..6, got 7");

        given().contentType(ContentType.JSON)
                .body("{\"source\":\"" + source + "\",\"sampling\":{\"steps\":7}}")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("field", equalTo("sampling.steps"))
                .body("allowed", equalTo("1..6"));
    }

    @Test
    void engineAppliesTheSameStepsLimit() throws Exception {
        BufferedImage photo = ImageDecoder.decode(Files.readAllBytes(PHOTO));
        SpacePrompts prompts = new SpacePrompts("sand", "sky", "Center: sand; Surrounding: sky", "",
                PromptSource.USER, PromptSource.USER);
        OutpaintTask task = new OutpaintTask("engine-limit", photo, null, CanvasSpec.expandEachSide(0.25), prompts,
                new SamplingSpec("ddim", MAX_STEPS + 1, 1.0, 1L, 1.0, 1));

        assertThatThrownBy(() -> outpainter.outpaint(task, null))
                .isInstanceOf(OutpaintException.class)
                .hasMessage("sampling.steps must be 1..6, got 7");
    }

    private OutpaintCompleted awaitCompleted(String jobId) {
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, 1, WAIT);
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.failed", jobId, 0, Duration.ZERO))
                .as("failed events of %s", jobId).isEmpty();
        assertThat(records).as("completed events of %s", jobId).hasSize(1);
        EventSchemas.assertValid(EventType.COMPLETED, records.get(0).value());
        return EventCodec.fromJson(records.get(0).value(), OutpaintCompleted.class);
    }

    private String upload(String jobId) throws Exception {
        String key = "inputs/" + jobId + "/dune.jpg";
        store.put(key, Files.readAllBytes(PHOTO), "image/jpeg");
        return new ObjectRef(store.bucket(), key).toString();
    }

    private byte[] read(String reference) {
        return store.get(ObjectRef.parse(reference).key()).orElseThrow();
    }

    private static OutpaintRequested request(String jobId, String source, SamplingOptions sampling) {
        return new OutpaintRequested(jobId, source, null, CanvasOptions.expand(0.25, 0, 0, 0), PromptInput.NONE,
                sampling, OutputOptions.DEFAULTS, Instant.now());
    }
}
