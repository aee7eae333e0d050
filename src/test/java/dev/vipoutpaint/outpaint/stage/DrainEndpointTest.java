package dev.vipoutpaint.outpaint.stage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.local.LocalKafkaResource;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.GroupOffsets;
import dev.vipoutpaint.testsupport.PrometheusText;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worker's metrics after one job, then {@code POST /admin/drain} and {@code GET /admin/drain}
 * as a Kubernetes preStop hook calls them. A drained worker does not resume, so the drain runs
 * last, in an application of its own.
 */
@QuarkusTest
@WithTestResource(LocalKafkaResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrainEndpointTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path PHOTO = Path.of("samples", "dune.jpg");
    static final String PROMPTED = "vip.outpaint.prompted";
    static final int STEPS = 4;

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @Order(1)
    void oneJobShowsInWorkerMetrics() throws Exception {
        String jobId = "metrics-" + UUID.randomUUID();
        submit(jobId);
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, 1, WAIT)).as("completed events").hasSize(1);

        // The counters move after the completed event is written, so poll briefly.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(metric("vip_worker_jobs_total", Map.of("outcome", "completed"))).as("jobs completed").isEqualTo(1.0));
        assertThat(metric("vip_stage_latency_seconds_count", Map.of("stage", "worker"))).as("worker latency samples")
                .isEqualTo(1.0);
        assertThat(metric("vip_stage_latency_seconds_sum", Map.of("stage", "worker"))).as("worker latency seconds")
                .isGreaterThan(0.0);
        assertThat(metric("vip_queue_wait_seconds_count", Map.of("stage", "worker"))).as("queue wait samples")
                .isEqualTo(1.0);
        assertThat(metric("vip_worker_denoise_steps_per_second_count", Map.of())).as("denoising speed samples")
                .isEqualTo(1.0);
        assertThat(metric("vip_worker_denoise_steps_per_second_sum", Map.of())).as("denoising steps per second")
                .isGreaterThan(0.0);
    }

    @Test
    @Order(2)
    void drainStopsTakingJobs() throws Exception {
        given().get("/admin/drain").then().statusCode(200)
                .body("draining", equalTo(false))
                .body("runningJobs", equalTo(0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(GroupOffsets.committed(bootstrap, "vip-worker", PROMPTED)).as("offset committed after job 1")
                        .isEqualTo(1L));

        given().post("/admin/drain").then().statusCode(202)
                .body("draining", equalTo(true))
                .body("runningJobs", equalTo(0));

        given().get("/admin/drain").then().statusCode(200).body("draining", equalTo(true));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'worker-drain' }.status", equalTo("DOWN"));

        String jobId = "after-drain-" + UUID.randomUUID();
        submit(jobId);
        assertThat(TopicReader.readJob(bootstrap, PROMPTED, jobId, 1, WAIT)).as("prompted event from the captioner")
                .hasSize(1);
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, 1, Duration.ofSeconds(8)))
                .as("completed events while draining").isEmpty();
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.failed", jobId, 0, Duration.ZERO))
                .as("failed events while draining").isEmpty();
        assertThat(GroupOffsets.end(bootstrap, PROMPTED)).as("prompted records").isEqualTo(2L);
        assertThat(GroupOffsets.committed(bootstrap, "vip-worker", PROMPTED))
                .as("committed offset: the second record stays for the next worker").isEqualTo(1L);
        assertThat(metric("vip_worker_jobs_total", Map.of("outcome", "completed"))).as("jobs completed").isEqualTo(1.0);
    }

    private void submit(String jobId) throws Exception {
        String key = "inputs/" + jobId + "/dune.jpg";
        store.put(key, Files.readAllBytes(PHOTO), "image/jpeg");
        OutpaintRequested request = new OutpaintRequested(jobId, new ObjectRef(store.bucket(), key).toString(), null,
                CanvasOptions.expand(0.25, 0, 0, 0), PromptInput.NONE,
                new SamplingOptions(null, STEPS, null, 3L, null, null), OutputOptions.DEFAULTS, Instant.now());
        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);
    }

    private static double metric(String name, Map<String, String> labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sample(text, name, labels)
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in /q/metrics"));
    }
}
