package dev.vipoutpaint.caption.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vipoutpaint.api.CloudEventHeaders;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.PromptMode;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.local.LocalKafkaResource;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.EventSchemas;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The captioner stage against a real in-process broker and the filesystem store. */
@QuarkusTest
@WithTestResource(LocalKafkaResource.class)
class CaptionStageTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void requestedPhotoGetsHeuristicPrompts() throws Exception {
        String jobId = "caption-" + UUID.randomUUID();
        String source = upload(jobId, Path.of("samples", "dune.jpg"));
        OutpaintRequested request = request(jobId, source, PromptInput.NONE);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);

        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrap, "vip.outpaint.prompted", jobId, 1, WAIT);
        assertThat(records).as("prompted events of %s", jobId).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        EventSchemas.assertValid(EventType.PROMPTED, record.value());
        CloudEventHeaders attributes = CloudEventHeaders.fromKafkaHeaders(record.headers());
        assertThat(attributes.type()).isEqualTo(EventType.PROMPTED.type());
        assertThat(attributes.subject()).isEqualTo(jobId);

        OutpaintPrompted prompted = EventCodec.decode(record.headers(), record.value(), EventType.PROMPTED,
                OutpaintPrompted.class);
        assertThat(prompted.request()).as("request carried unchanged").isEqualTo(request);
        assertThat(prompted.prompts().centerSource()).isEqualTo("heuristic");
        assertThat(prompted.prompts().surroundingSource()).isEqualTo("heuristic");
        assertThat(prompted.prompts().center()).isNotBlank();
        assertThat(prompted.prompts().total())
                .isEqualTo("Center: " + prompted.prompts().center() + "; Surrounding: " + prompted.prompts().surrounding());

        List<ConsumerRecord<String, byte[]>> progress =
                TopicReader.readJob(bootstrap, "vip.outpaint.progress", jobId, 1, WAIT);
        assertThat(progress).as("progress events of %s", jobId).isNotEmpty();
        EventSchemas.assertValid(EventType.PROGRESS, progress.get(0).value());
    }

    @Test
    void userReplacementSkipsCaptionAndKeepsKeywords() {
        String jobId = "replace-" + UUID.randomUUID();
        PromptInput input = new PromptInput("a red boat", "calm harbour", List.of("dusk"), "blurry",
                PromptMode.REPLACE, PromptMode.REPLACE);
        // No object exists under this key: a replaced caption never reads the image.
        OutpaintRequested request = request(jobId, "s3://" + store.bucket() + "/inputs/absent.png", input);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);

        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrap, "vip.outpaint.prompted", jobId, 1, WAIT);
        assertThat(records).hasSize(1);
        EventSchemas.assertValid(EventType.PROMPTED, records.get(0).value());
        OutpaintPrompted prompted = EventCodec.fromJson(records.get(0).value(), OutpaintPrompted.class);
        assertThat(prompted.prompts().center()).isEqualTo("a red boat");
        assertThat(prompted.prompts().surrounding()).isEqualTo("calm harbour, dusk");
        assertThat(prompted.prompts().centerSource()).isEqualTo("user");
        assertThat(prompted.prompts().negative()).isEqualTo("blurry");
    }

    @Test
    void sourceInOtherBucketGetsInvalidRequest() {
        String jobId = "bucket-" + UUID.randomUUID();
        OutpaintRequested request = request(jobId, "s3://someone-else/photo.jpg", PromptInput.NONE);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);

        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrap, "vip.outpaint.failed", jobId, 1, WAIT);
        assertThat(records).hasSize(1);
        EventSchemas.assertValid(EventType.FAILED, records.get(0).value());
        OutpaintFailed failed = EventCodec.fromJson(records.get(0).value(), OutpaintFailed.class);
        assertThat(failed.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failed.stage()).isEqualTo(Stage.CAPTIONER);
        assertThat(failed.message()).contains("s3://someone-else/photo.jpg").contains(store.bucket());
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.prompted", jobId, 1, Duration.ofSeconds(2)))
                .as("prompted events of a rejected request").isEmpty();
    }

    @Test
    void nonJsonRecordGoesToDlq() {
        String key = "garbage-" + UUID.randomUUID();
        byte[] value = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        EventType type = EventType.REQUESTED;
        var headers = EventCodec.encode(type, key, dev.vipoutpaint.api.EventSamples.requested(key), "/t").headers();

        EventProducer.sendRaw(bootstrap, "vip.outpaint.requested", key, value, headers);

        List<ConsumerRecord<String, byte[]>> dead =
                TopicReader.readJob(bootstrap, "vip.outpaint.requested.dlq", key, 1, WAIT);
        assertThat(dead).as("dead-letter records with key %s", key).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(value);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not JSON");
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.failed", key, 1, Duration.ofSeconds(2)))
                .as("failed events for an unreadable record").isEmpty();
    }

    private String upload(String jobId, Path photo) throws Exception {
        String key = "inputs/" + jobId + "/" + photo.getFileName();
        store.put(key, Files.readAllBytes(photo), "image/jpeg");
        return "s3://" + store.bucket() + "/" + key;
    }

    static OutpaintRequested request(String jobId, String source, PromptInput prompt) {
        return new OutpaintRequested(jobId, source, null, null, prompt, new SamplingOptions(null, 4, null, 1L, null, null),
                OutputOptions.DEFAULTS, Instant.now());
    }
}
