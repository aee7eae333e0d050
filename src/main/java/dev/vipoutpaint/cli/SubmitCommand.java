package dev.vipoutpaint.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vip submit}: writes a request to an external cluster and waits for its completion. The
 * photo goes to the configured store (vip.storage.*) and the request to kafka.bootstrap.servers.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Sends a request to an external Kafka cluster and waits for its result.",
            "Writes an outpaint request to an external Kafka cluster and waits for the completed or failed event.",
            "Set kafka.bootstrap.servers and vip.storage.* (MinIO) with -D options, the environment or config/.",
            "  vip submit photo.jpg --expand 0.5 --out out.png"
        })
public class SubmitCommand implements Callable<Integer> {

    public static final String NAME = "submit";

    @Mixin
    JobOptions options;

    @Inject
    JobSubmitter submitter;

    @Override
    public Integer call() throws Exception {
        return submitter.submit(options, System.out, System.err);
    }
}
