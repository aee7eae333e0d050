package dev.vipoutpaint.outpaint.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.PromptMode;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.local.LocalKafkaResource;
import dev.vipoutpaint.outpaint.ImageDecoder;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.EventSchemas;
import dev.vipoutpaint.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
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

/**
 * The captioner and worker stages together on a real in-process broker, the filesystem store and
 * the real DJL engine on the random test bundle.
 */
@QuarkusTest
@WithTestResource(LocalKafkaResource.class)
class WorkerStageTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path PHOTO = Path.of("samples", "dune.jpg");

    @Inject
    ObjectStore store;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void photoIsOutpaintedThroughTopics() throws Exception {
        String jobId = "outpaint-" + UUID.randomUUID();
        byte[] photoBytes = Files.readAllBytes(PHOTO);
        BufferedImage photo = ImageDecoder.decode(photoBytes);
        String source = upload(jobId, "dune.jpg", photoBytes);

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId,
                request(jobId, source, CanvasOptions.expand(0.25, 0.25, 0.0, 0.0), PromptInput.NONE));

        OutpaintCompleted completed = awaitCompleted(jobId, 1).get(0);
        assertThat(completed.inputWidth()).isEqualTo(photo.getWidth());
        assertThat(completed.width()).as("canvas width, 1.5 x %d", photo.getWidth()).isEqualTo(photo.getWidth() * 3 / 2);
        assertThat(completed.height()).isEqualTo(photo.getHeight());
        assertThat(completed.sampling().steps()).isEqualTo(4);
        assertThat(completed.sampling().seed()).isEqualTo(11L);
        assertThat(completed.model().name()).isNotBlank();
        assertThat(completed.prompts().centerSource()).isEqualTo("heuristic");

        BufferedImage result = ImageDecoder.decode(read(completed.results().get(0).ref()));
        assertThat(result.getWidth()).isEqualTo(completed.width());
        assertThat(result.getHeight()).isEqualTo(completed.height());
        int offsetX = (completed.width() - photo.getWidth()) / 2;
        int changed = 0;
        for (int y = 0; y < photo.getHeight(); y += 7) {
            for (int x = 0; x < photo.getWidth(); x += 7) {
                if ((result.getRGB(offsetX + x, y) & 0xffffff) != (photo.getRGB(x, y) & 0xffffff)) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("kept pixels that changed").isZero();

        OutpaintCompleted manifest = EventCodec.fromJson(read(completed.manifest()), OutpaintCompleted.class);
        assertThat(manifest).as("result.json").isEqualTo(completed);

        List<OutpaintProgress> denoising = TopicReader.readJob(bootstrap, "vip.outpaint.progress", jobId, 3, WAIT)
                .stream()
                .peek(record -> EventSchemas.assertValid(EventType.PROGRESS, record.value()))
                .map(record -> EventCodec.fromJson(record.value(), OutpaintProgress.class))
                .filter(progress -> progress.phase().equals("denoising"))
                .toList();
        assertThat(denoising).as("denoising progress events").isNotEmpty();
        assertThat(denoising.get(denoising.size() - 1).step()).isEqualTo(4);
    }

    @Test
    void duplicateRequestComputesOnce() throws Exception {
        String jobId = "duplicate-" + UUID.randomUUID();
        String source = upload(jobId, "dune.jpg", Files.readAllBytes(PHOTO));
        OutpaintRequested request = request(jobId, source, CanvasOptions.expand(0, 0, 0.25, 0), PromptInput.NONE);
        double computedBefore = jobs("completed");
        double replayedBefore = jobs("replayed");

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);
        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);

        List<OutpaintCompleted> completions = awaitCompleted(jobId, 2);
        assertThat(completions).hasSize(2);
        assertThat(completions.get(1).results()).isEqualTo(completions.get(0).results());
        assertThat(completions.get(1).completedAt()).as("stored completion re-published")
                .isEqualTo(completions.get(0).completedAt());
        assertThat(jobs("completed") - computedBefore).as("jobs computed").isEqualTo(1.0);
        assertThat(jobs("replayed") - replayedBefore).as("jobs re-published from result.json").isEqualTo(1.0);
    }

    @Test
    void undecodableImageFailsAndNextJobCompletes() throws Exception {
        String badJob = "broken-" + UUID.randomUUID();
        String badSource = upload(badJob, "broken.jpg", "not an image at all".getBytes(StandardCharsets.UTF_8));
        PromptInput replaceBoth = new PromptInput("sand", "sea", List.of(), null, PromptMode.REPLACE, PromptMode.REPLACE);
        String goodJob = "after-broken-" + UUID.randomUUID();
        String goodSource = upload(goodJob, "dune.jpg", Files.readAllBytes(PHOTO));

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, badJob,
                request(badJob, badSource, null, replaceBoth));
        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, goodJob,
                request(goodJob, goodSource, null, replaceBoth));

        List<ConsumerRecord<String, byte[]>> failedRecords =
                TopicReader.readJob(bootstrap, "vip.outpaint.failed", badJob, 1, WAIT);
        assertThat(failedRecords).hasSize(1);
        EventSchemas.assertValid(EventType.FAILED, failedRecords.get(0).value());
        OutpaintFailed failed = EventCodec.fromJson(failedRecords.get(0).value(), OutpaintFailed.class);
        assertThat(failed.code()).isEqualTo(ErrorCode.INVALID_IMAGE);
        assertThat(failed.stage()).isEqualTo(Stage.WORKER);
        assertThat(failed.message()).contains(badSource);
        assertThat(failed.retryable()).isFalse();

        OutpaintCompleted next = awaitCompleted(goodJob, 1).get(0);
        assertThat(next.prompts().total()).isEqualTo("Center: sand; Surrounding: sea");
        assertThat(store.exists("results/" + badJob + "/result.json")).as("result.json of the failed job").isFalse();
    }

    @Test
    void nonJsonPromptedRecordGoesToDlq() {
        String key = "bad-prompted-" + UUID.randomUUID();
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);

        EventProducer.sendRaw(bootstrap, "vip.outpaint.prompted", key, value,
                EventCodec.encode(EventType.PROMPTED, key, dev.vipoutpaint.api.EventSamples.prompted(key), "/t").headers());

        List<ConsumerRecord<String, byte[]>> dead =
                TopicReader.readJob(bootstrap, "vip.outpaint.prompted.dlq", key, 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(value);
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    private List<OutpaintCompleted> awaitCompleted(String jobId, int expected) {
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, expected, WAIT);
        List<ConsumerRecord<String, byte[]>> failures =
                TopicReader.readJob(bootstrap, "vip.outpaint.failed", jobId, 0, Duration.ZERO);
        assertThat(failures).as("failed events of %s", jobId).isEmpty();
        assertThat(records).as("completed events of %s", jobId).hasSize(expected);
        records.forEach(record -> EventSchemas.assertValid(EventType.COMPLETED, record.value()));
        return records.stream()
                .map(record -> EventCodec.decode(record.headers(), record.value(), EventType.COMPLETED,
                        OutpaintCompleted.class))
                .toList();
    }

    private double jobs(String outcome) {
        var counter = registry.find("vip.worker.jobs").tag("outcome", outcome).counter();
        return counter == null ? 0.0 : counter.count();
    }

    private String upload(String jobId, String name, byte[] bytes) {
        String key = "inputs/" + jobId + "/" + name;
        store.put(key, bytes, "image/jpeg");
        return new ObjectRef(store.bucket(), key).toString();
    }

    private byte[] read(String reference) {
        return store.get(ObjectRef.parse(reference).key()).orElseThrow();
    }

    private static OutpaintRequested request(String jobId, String source, CanvasOptions canvas, PromptInput prompt) {
        return new OutpaintRequested(jobId, source, null, canvas, prompt,
                new SamplingOptions(null, 4, null, 11L, null, null), OutputOptions.DEFAULTS, Instant.now());
    }
}
