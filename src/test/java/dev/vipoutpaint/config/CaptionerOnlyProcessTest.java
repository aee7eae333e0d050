package dev.vipoutpaint.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vipoutpaint.api.EventSamples;
import dev.vipoutpaint.api.EventType;
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
 * A process that runs only the captioner, as a captioner pod does: it must publish prompted
 * events although the worker's channels are not consumed here.
 */
@QuarkusTest
@TestProfile(CaptionerOnlyProcessTest.CaptionerOnly.class)
@WithTestResource(LocalKafkaResource.class)
class CaptionerOnlyProcessTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    public static class CaptionerOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(Roles.KEY, "captioner");
        }
    }

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void requestIsPromptedAndNotOutpainted() throws Exception {
        String jobId = "captioner-only-" + UUID.randomUUID();
        store.put("inputs/" + jobId + "/dune.jpg", Files.readAllBytes(Path.of("samples", "dune.jpg")), "image/jpeg");

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId,
                EventSamples.requested(jobId));

        List<ConsumerRecord<String, byte[]>> prompted =
                TopicReader.readJob(bootstrap, "vip.outpaint.prompted", jobId, 1, WAIT);
        assertThat(prompted).as("prompted events of %s", jobId).hasSize(1);
        EventSchemas.assertValid(EventType.PROMPTED, prompted.get(0).value());
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.requested.dlq", jobId, 1, Duration.ofSeconds(2)))
                .as("dead-lettered requests").isEmpty();
        assertThat(TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, 1, Duration.ofSeconds(5)))
                .as("completions from a process without the worker role").isEmpty();
    }
}
