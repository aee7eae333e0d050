package dev.vipoutpaint.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventSchemas;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.KafkaAndS3Resource;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The whole flow in one application (gateway, captioner and worker) against the in-process KRaft
 * broker and S3Mock: REST and producer-only requests, duplicates, bad images and bad records.
 * The worker runs the exported test bundle on the CPU, so every completion is a real generation.
 */
@QuarkusTest
@WithTestResource(KafkaAndS3Resource.class)
class OutpaintFlowTest {

    private static final Path PHOTO = Path.of("samples", "dune.jpg");

    /** Generous, because the test machine is shared and every job runs the diffusion model. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    /** Few steps keep each generation short; the kept-pixel contract does not depend on them. */
    private static final SamplingOptions FAST = new SamplingOptions(null, 4, null, 11L, 1, null);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;


    @Test
    void restUploadCompletesWithKeptPixels() throws IOException {
        byte[] photo = Files.readAllBytes(PHOTO);
        BufferedImage source = ImageIO.read(PHOTO.toFile());

        Response accepted = given()
                .multiPart("image", "dune.jpg", photo, "image/jpeg")
                .multiPart("options", "{\"jobId\":\"flow-upload\","
                        + "\"canvas\":{\"left\":0.25,\"right\":0.25,\"top\":0,\"bottom\":0},"
                        + "\"sampling\":{\"steps\":4,\"seed\":11}}", "application/json")
                .post("/v1/outpaint");
        accepted.then().statusCode(202);

        OutpaintCompleted completed = completion("flow-upload");
        BufferedImage result = resultImage(completed);
        int left = (int) Math.round(0.25 * source.getWidth());
        assertThat(completed.width()).as("reported width").isEqualTo(source.getWidth() + 2 * left);
        assertThat(completed.height()).as("reported height").isEqualTo(source.getHeight());
        assertThat(result.getWidth()).as("result image width").isEqualTo(completed.width());
        assertThat(result.getHeight()).as("result image height").isEqualTo(completed.height());
        assertKeptPixelsUnchanged(source, result, left, 0);

        given().get("/v1/jobs/flow-upload").then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("prompts.total", equalTo(completed.prompts().total()));
        byte[] served = given().get("/v1/jobs/flow-upload/result").then().statusCode(200).extract().asByteArray();
        assertThat(served).as("image served by the gateway")
                .isEqualTo(store.get(ObjectRef.parse(completed.results().get(0).ref()).key()).orElseThrow());
    }

    @Test
    void producerReferenceRequestCompletes() throws IOException {
        byte[] photo = Files.readAllBytes(PHOTO);
        BufferedImage source = ImageIO.read(PHOTO.toFile());
        store.put("producer/dune.jpg", photo, "image/jpeg");

        EventProducer.send(bootstrapServers, "vip.outpaint.requested", EventType.REQUESTED, "flow-producer",
                request("flow-producer", "s3://" + KafkaAndS3Resource.BUCKET + "/producer/dune.jpg",
                        CanvasOptions.expand(0, 0, 0.2, 0.2)));

        OutpaintCompleted completed = completion("flow-producer");
        BufferedImage result = resultImage(completed);
        int top = (int) Math.round(0.2 * source.getHeight());
        assertThat(result.getWidth()).isEqualTo(source.getWidth());
        assertThat(result.getHeight()).isEqualTo(source.getHeight() + 2 * top);
        assertKeptPixelsUnchanged(source, result, 0, top);
    }

    @Test
    void duplicateRequestComputesOnce() throws IOException {
        store.put("producer/dup.jpg", Files.readAllBytes(PHOTO), "image/jpeg");
        OutpaintRequested request = request("flow-duplicate",
                "s3://" + KafkaAndS3Resource.BUCKET + "/producer/dup.jpg", CanvasOptions.expand(0.1, 0.1, 0, 0));

        EventProducer.send(bootstrapServers, "vip.outpaint.requested", EventType.REQUESTED, "flow-duplicate", request);
        EventProducer.send(bootstrapServers, "vip.outpaint.requested", EventType.REQUESTED, "flow-duplicate", request);

        List<ConsumerRecord<String, byte[]>> completions =
                TopicReader.readJob(bootstrapServers, "vip.outpaint.completed", "flow-duplicate", 2, JOB_TIMEOUT);
        assertThat(completions).as("completed events of the duplicate job").hasSize(2);
        OutpaintCompleted first = EventCodec.fromJson(completions.get(0).value(), OutpaintCompleted.class);
        OutpaintCompleted second = EventCodec.fromJson(completions.get(1).value(), OutpaintCompleted.class);
        assertThat(second.results()).as("results of the second completion").isEqualTo(first.results());
        assertThat(second.sampling()).as("sampling of the second completion").isEqualTo(first.sampling());
        assertThat(second.completedAt()).as("the stored completion is re-published unchanged")
                .isEqualTo(first.completedAt());

        long computations = TopicReader.readJob(bootstrapServers, "vip.outpaint.progress", "flow-duplicate",
                        Integer.MAX_VALUE, Duration.ofSeconds(5)).stream()
                .map(record -> EventCodec.fromJson(record.value(), OutpaintProgress.class))
                .filter(progress -> progress.phase().equals("started"))
                .count();
        assertThat(computations).as("worker runs that started generating").isEqualTo(1);
    }

    @Test
    void undecodableImageFailsAndNextJobCompletes() throws IOException {
        store.put("producer/broken.jpg", "these bytes are not a JPEG".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        store.put("producer/after-broken.jpg", Files.readAllBytes(PHOTO), "image/jpeg");

        EventProducer.send(bootstrapServers, "vip.outpaint.requested", EventType.REQUESTED, "flow-broken",
                request("flow-broken", "s3://" + KafkaAndS3Resource.BUCKET + "/producer/broken.jpg",
                        CanvasOptions.expand(0.1, 0.1, 0.1, 0.1)));
        EventProducer.send(bootstrapServers, "vip.outpaint.requested", EventType.REQUESTED, "flow-after-broken",
                request("flow-after-broken", "s3://" + KafkaAndS3Resource.BUCKET + "/producer/after-broken.jpg",
                        CanvasOptions.expand(0.1, 0.1, 0, 0)));

        List<ConsumerRecord<String, byte[]>> failures =
                TopicReader.readJob(bootstrapServers, "vip.outpaint.failed", "flow-broken", 1, JOB_TIMEOUT);
        assertThat(failures).as("failed events of the broken job").hasSize(1);
        EventSchemas.assertValid(EventType.FAILED, failures.get(0).value());
        OutpaintFailed failed = EventCodec.fromJson(failures.get(0).value(), OutpaintFailed.class);
        assertThat(failed.code()).isEqualTo(ErrorCode.INVALID_IMAGE);
        assertThat(failed.message()).contains("producer/broken.jpg");
        assertThat(failed.retryable()).isFalse();

        OutpaintCompleted next = completion("flow-after-broken");
        assertThat(next.results()).as("results of the job after the broken one").hasSize(1);
    }

    @Test
    void nonJsonRecordGoesToDeadLetterTopic() {
        EventProducer.sendRaw(bootstrapServers, "vip.outpaint.requested", "flow-not-json",
                "this is not JSON".getBytes(StandardCharsets.UTF_8), List.of());

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readJob(bootstrapServers,
                "vip.outpaint.requested.dlq", "flow-not-json", 1, JOB_TIMEOUT);

        assertThat(dead).as("records of flow-not-json on the dead-letter topic").hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
        Header reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertThat(reason).as("dead-letter-reason header").isNotNull();
    }

    private OutpaintCompleted completion(String jobId) {
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrapServers, "vip.outpaint.completed", jobId, 1, JOB_TIMEOUT);
        assertThat(records).as("completed events of " + jobId).isNotEmpty();
        EventSchemas.assertValid(EventType.COMPLETED, records.get(0).value());
        return EventCodec.fromJson(records.get(0).value(), OutpaintCompleted.class);
    }

    private BufferedImage resultImage(OutpaintCompleted completed) throws IOException {
        assertThat(completed.results()).as("result images").hasSize(1);
        String key = ObjectRef.parse(completed.results().get(0).ref()).key();
        byte[] bytes = store.get(key).orElseThrow(() -> new AssertionError("result object " + key + " is missing"));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    /** Asserts that the input sits at ({@code x0}, {@code y0}) of the result with every pixel equal. */
    private static void assertKeptPixelsUnchanged(BufferedImage source, BufferedImage result, int x0, int y0) {
        int changed = 0;
        String firstChange = null;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                int expected = source.getRGB(x, y) & 0xFFFFFF;
                int actual = result.getRGB(x0 + x, y0 + y) & 0xFFFFFF;
                if (expected != actual) {
                    changed++;
                    if (firstChange == null) {
                        firstChange = String.format("(%d, %d): expected %06x, got %06x", x, y, expected, actual);
                    }
                }
            }
        }
        assertThat(changed).as("kept pixels that changed, first at " + firstChange).isZero();
    }

    private static OutpaintRequested request(String jobId, String source, CanvasOptions canvas) {
        return new OutpaintRequested(jobId, source, null, canvas, null, FAST, null, Instant.now());
    }
}
