package dev.vipoutpaint.outpaint.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.local.LocalCluster;
import dev.vipoutpaint.storage.FileSystemObjectStore;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.GroupOffsets;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.runtime.Quarkus;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vip serve} stopped while a job denoises: the worker finishes the job, publishes its
 * completion and commits the record before the process exits, so a restarted worker does not
 * compute it again.
 */
@QuarkusMainTest
class DrainOnShutdownTest {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path PHOTO = Path.of("samples", "dune.jpg");
    static final String BUCKET = "vip-outpaint";
    static final String PROMPTED = "vip.outpaint.prompted";
    /** Enough steps that the job still runs when the stop arrives after its first progress event. */
    static final int STEPS = 150;

    static LocalCluster cluster;
    static FileSystemObjectStore store;

    @BeforeAll
    static void startBrokerAndStore() throws Exception {
        cluster = LocalCluster.start(Files.createDirectories(Path.of("target", "local-kafka")), Optional.of(1));
        Path storeRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "store-");
        store = new FileSystemObjectStore(storeRoot, BUCKET);

        // vip serve reads its settings at startup; the broker address is known only now.
        System.setProperty("kafka.bootstrap.servers", cluster.bootstrapServers());
        System.setProperty("vip.roles", "captioner,worker");
        System.setProperty("vip.storage.kind", "filesystem");
        System.setProperty("vip.storage.filesystem.root", storeRoot.toString());
        System.setProperty("vip.storage.bucket", BUCKET);
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void stopDuringJobFinishesAndCommitsIt(QuarkusMainLauncher launcher) throws Exception {
        String jobId = "drain-" + UUID.randomUUID();
        String key = "inputs/" + jobId + "/dune.jpg";
        store.put(key, Files.readAllBytes(PHOTO), "image/jpeg");
        OutpaintRequested request = new OutpaintRequested(jobId, new ObjectRef(BUCKET, key).toString(), null,
                CanvasOptions.expand(0.25, 0, 0, 0), PromptInput.NONE,
                new SamplingOptions(null, STEPS, null, 9L, null, null), OutputOptions.DEFAULTS, Instant.now());

        // 1. A second thread submits the job and stops the application once the job denoises.
        Thread launchThread = Thread.currentThread();
        CompletableFuture<Boolean> stopper = CompletableFuture.supplyAsync(() -> {
            EventProducer.send(cluster.bootstrapServers(), "vip.outpaint.requested", EventType.REQUESTED, jobId, request);
            boolean denoising = !TopicReader.read(cluster.bootstrapServers(), "vip.outpaint.progress",
                    record -> jobId.equals(record.key()) && phase(record).equals("denoising"), 1, WAIT).isEmpty();
            requestExit(launchThread.getContextClassLoader());
            return denoising;
        });

        // 2. vip serve runs on this thread until the stop.
        LaunchResult result = launcher.launch("serve");
        assertThat(stopper.get(10, TimeUnit.SECONDS)).as("the job was denoising when the stop came").isTrue();
        assertThat(result.exitCode()).as("exit code of vip serve").isZero();
        assertThat(result.getOutput()).as("log of vip serve").contains("Draining: waiting up to");

        // 3. The job finished with all its steps, and its record is committed.
        List<ConsumerRecord<String, byte[]>> completed =
                TopicReader.readJob(cluster.bootstrapServers(), "vip.outpaint.completed", jobId, 1, Duration.ofSeconds(10));
        assertThat(completed).as("completed events of %s", jobId).hasSize(1);
        OutpaintCompleted event = EventCodec.fromJson(completed.get(0).value(), OutpaintCompleted.class);
        assertThat(event.sampling().steps()).isEqualTo(STEPS);
        assertThat(store.exists("results/" + jobId + "/result.json")).as("result.json").isTrue();
        assertThat(GroupOffsets.end(cluster.bootstrapServers(), PROMPTED)).as("prompted records").isEqualTo(1L);
        assertThat(GroupOffsets.committed(cluster.bootstrapServers(), "vip-worker", PROMPTED))
                .as("offset the worker committed before it exited").isEqualTo(1L);
    }

    /**
     * Asks the running application to stop, as SIGTERM does. The application runs in its own
     * class loader, the launching thread's context class loader while it runs. Its
     * {@code Quarkus} class comes from there, because the test's own copy would stop nothing.
     */
    private static void requestExit(ClassLoader applicationLoader) {
        try {
            Class.forName(Quarkus.class.getName(), true, applicationLoader).getMethod("asyncExit").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("failed to stop the application", e);
        }
    }

    private static String phase(ConsumerRecord<String, byte[]> record) {
        return EventCodec.fromJson(record.value(), OutpaintProgress.class).phase();
    }
}
