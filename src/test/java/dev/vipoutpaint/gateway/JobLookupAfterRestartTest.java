package dev.vipoutpaint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.ModelRef;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.ResultImage;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.local.LocalKafkaResource;
import dev.vipoutpaint.stage.JobIndexEntry;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.storage.StorageConfig;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
 * A gateway that restarted has no job events in memory, so it reads finished jobs from the
 * store. A fresh {@link JobLookup} with an empty {@link JobTracker}, over the store the stages
 * wrote, plays the restarted gateway.
 */
@QuarkusTest
@WithTestResource(LocalKafkaResource.class)
class JobLookupAfterRestartTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path PHOTO = Path.of("samples", "dune.jpg");

    @Inject
    ObjectStore store;

    @Inject
    VipConfig config;

    @Inject
    StorageConfig storageConfig;

    @Inject
    GatewayConfig gatewayConfig;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void customPrefixJobFoundAfterRestart() throws Exception {
        String jobId = "custom-prefix-" + UUID.randomUUID();
        String key = "inputs/" + jobId + "/dune.jpg";
        store.put(key, Files.readAllBytes(PHOTO), "image/jpeg");
        OutpaintRequested request = new OutpaintRequested(jobId, new ObjectRef(store.bucket(), key).toString(), null,
                CanvasOptions.expand(0, 0.25, 0, 0), PromptInput.NONE,
                new SamplingOptions(null, 2, null, 4L, null, null), new OutputOptions(null, "team-a/outpaints"),
                Instant.now());

        EventProducer.send(bootstrap, "vip.outpaint.requested", EventType.REQUESTED, jobId, request);
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrap, "vip.outpaint.completed", jobId, 1, WAIT);
        assertThat(records).as("completed events of %s", jobId).hasSize(1);
        OutpaintCompleted completed = EventCodec.fromJson(records.get(0).value(), OutpaintCompleted.class);
        assertThat(completed.manifest()).as("result.json under the request's prefix")
                .isEqualTo("s3://" + store.bucket() + "/team-a/outpaints/" + jobId + "/result.json");
        assertThat(store.exists("results/" + jobId + "/result.json")).as("result.json under results/").isFalse();

        JobStatus status = restartedGateway().require(jobId);

        assertThat(status.status()).isEqualTo(JobState.COMPLETED);
        assertThat(status.results()).as("result images").hasSize(1);
        assertThat(status.results().get(0).ref()).isEqualTo(completed.results().get(0).ref());
        assertThat(status.sampling()).isEqualTo(completed.sampling());
    }

    @Test
    void indexEntryOfAnotherJobIsIgnored() {
        // The entry and a real manifest belong to another job, so neither may be returned for this one.
        String jobId = "pointed-elsewhere-" + UUID.randomUUID();
        String otherManifest = "x/other-job/result.json";
        store.put(otherManifest, EventCodec.toJson(completedOf("other-job", otherManifest)), "application/json");
        store.put(JobIndexEntry.key(config.jobs().indexPrefix(), jobId),
                EventCodec.toJson(new JobIndexEntry("other-job", "s3://" + store.bucket() + "/" + otherManifest)),
                "application/json");

        assertThatThrownBy(() -> restartedGateway().require(jobId))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void unknownJobIsNotFound() {
        assertThatThrownBy(() -> restartedGateway().require("never-submitted-" + UUID.randomUUID()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private OutpaintCompleted completedOf(String jobId, String manifestKey) {
        ResultImage image = new ResultImage("s3://" + store.bucket() + "/x/" + jobId + "/image-0.png", null, 10, 10,
                "image/png");
        return new OutpaintCompleted(jobId, List.of(image), "s3://" + store.bucket() + "/" + manifestKey, 8, 10, 10, 10,
                new UsedPrompts("sand", "sea", "Center: sand; Surrounding: sea", "", "user", "user"),
                new ModelRef("vip-tiny", "1"), new SamplingOptions("ddim", 2, 4.0, 1L, 1, 1.0), Map.of(), List.of(),
                Instant.now());
    }

    /** Returns a lookup with nothing tracked, as after a restart, over the same store and settings. */
    private JobLookup restartedGateway() {
        JobLookup lookup = new JobLookup();
        lookup.tracker = new JobTracker(gatewayConfig);
        lookup.store = store;
        lookup.config = config;
        lookup.storageConfig = storageConfig;
        return lookup;
    }
}
