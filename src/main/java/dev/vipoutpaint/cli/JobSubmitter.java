package dev.vipoutpaint.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.config.VipConfig;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one job through the topics, as a client: upload the photo, write the request, show
 * progress, print the prompts and the final event, and save the result image.
 */
@ApplicationScoped
class JobSubmitter {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    @Inject
    VipConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Returns the process exit code: 0 completed, 1 failed or invalid PHOTO, 2 timed out. */
    int submit(JobOptions options, PrintStream out, PrintStream err) throws IOException {
        String sourceRef;
        try {
            sourceRef = upload(options.photo, options.jobIdOrRandom());
        } catch (InvalidPhotoException e) {
            err.println("vip: " + e.getMessage());
            return 1;
        }
        OutpaintRequested request = options.toRequest(sourceRef);
        out.printf("job %s: %s on %s%n", request.jobId(), sourceRef, bootstrapServers);

        JobProgressBar bar = new JobProgressBar(out);
        Optional<JobOutcome> outcome;
        try (JobClient client = new JobClient(bootstrapServers, config.eventSource() + "/cli")) {
            client.listen(CONNECT_TIMEOUT);
            client.publish(request);
            outcome = client.await(request.jobId(), options.timeout, bar);
        } finally {
            bar.finish();
        }

        if (outcome.isEmpty()) {
            err.printf("job %s: no completed or failed event within %s; the job may still finish, its result will be"
                    + " under %s%s/%n", request.jobId(), options.timeout, config.jobs().resultPrefix(), request.jobId());
            return 2;
        }
        JobOutcome result = outcome.get();
        if (!result.isCompleted()) {
            err.printf("job %s failed: %s%n", request.jobId(), pretty(result.json()));
            return 1;
        }

        printPrompts(result.completed().prompts(), out);
        out.println("completed event (" + result.attributes().type() + ", id " + result.attributes().id() + "):");
        out.println(pretty(result.json()));
        Path saved = save(result.completed(), options.outputFile());
        out.printf("result %dx%d written to %s%n", result.completed().width(), result.completed().height(), saved);
        return 0;
    }

    /** Uploads a local photo under {@code inputs/<jobId>/}; an s3:// reference is used as given. */
    private String upload(String photo, String jobId) throws IOException {
        if (photo.startsWith("s3://")) {
            return photo;
        }
        Path file = Path.of(photo);
        if (!Files.isRegularFile(file)) {
            throw new InvalidPhotoException("PHOTO must be a readable file or s3://bucket/key, got '" + photo
                    + "'; check the path from the current folder");
        }
        String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String key = config.jobs().inputPrefix() + jobId + "/" + name;
        store.put(key, Files.readAllBytes(file), contentType(name));
        return new ObjectRef(store.bucket(), key).toString();
    }

    private Path save(OutpaintCompleted completed, Path target) throws IOException {
        ObjectRef ref = ObjectRef.parse(completed.results().get(0).ref());
        byte[] image = store.get(ref.key()).orElseThrow(() -> new IllegalStateException(
                "result " + ref + " named by the completed event is missing from the store"));
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Files.write(absolute, image);
        return target;
    }

    private static void printPrompts(UsedPrompts prompts, PrintStream out) {
        out.printf("center      (%s): %s%n", prompts.centerSource(), prompts.center());
        out.printf("surrounding (%s): %s%n", prompts.surroundingSource(), prompts.surrounding());
        out.printf("total:              %s%n", prompts.total());
    }

    private static String pretty(String json) {
        try {
            Object tree = EventCodec.mapper().readTree(json);
            return EventCodec.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
        } catch (IOException e) {
            return json;
        }
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }
}
