package dev.vipoutpaint.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventSamples;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.local.LocalKafkaResource;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.EventSchemas;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A process that runs only the worker, as a GPU worker pod does: it must publish completions
 * and must leave requests to the captioner.
 */
@QuarkusTest
@TestProfile(WorkerOnlyProcessTest.WorkerOnly.class)
@WithTestResource(LocalKafkaResource.class)
class WorkerOnlyProcessTest {

    static final Duration WAIT = Duration.ofSeconds(120);

    public static class WorkerOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(Roles.KEY, "worker");
        }
    }

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void promptedJobCompletes() throws Exception {
        String jobId = "worker-only-" + UUID.randomUUID();
        store.put("inputs/" + jobId + "/dune.jpg", Files.readAllBytes(Path.of("samples", "dune.jpg")), "image/jpeg");

        EventProducer.send(bootstrap, "vip.outpaint.prompted", EventType.PROMPTED, jobId,
                EventSamples.prompted(jobId));

        List<ConsumerRecord<String, byte[]>> completed =
                TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, 1, WAIT);
        assertThat(completed).as("completions of %s", jobId).hasSize(1);
        EventSchemas.assertValid(EventType.COMPLETED, completed.get(0).value());
        OutpaintCompleted result = EventCodec.fromJson(completed.get(0).value(), OutpaintCompleted.class);
        assertThat(result.width()).as("canvas width of an 800 px photo expanded 0.25 per side").isEqualTo(1200);
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.prompted.dlq", jobId, 1, Duration.ofSeconds(2)))
                .as("dead-lettered prompted records").isEmpty();
    }

    @Test
    void requestIsLeftToCaptioner() {
        String jobId = "not-for-worker-" + UUID.randomUUID();

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId,
                EventSamples.requested(jobId));

        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.prompted", jobId, 1, Duration.ofSeconds(5)))
                .as("prompted events from a process without the captioner role").isEmpty();
    }
}
