package dev.vipoutpaint.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vip outpaint}: local mode end to end. {@link VipMain} has already started the embedded
 * broker and the captioner and worker stages; this command is their client.
 */
@Command(
        name = "outpaint",
        mixinStandardHelpOptions = true,
        description = {
            "Extends a photo in local mode: an in-process Kafka broker, the filesystem store, the captioner and",
            "the worker run in this JVM, and the job goes through the topics like any other.",
            "  vip outpaint samples/dune.jpg --expand 0.5 --out out.png"
        })
public class OutpaintCommand implements Callable<Integer> {

    public static final String NAME = "outpaint";

    @Mixin
    JobOptions options;

    @Inject
    JobSubmitter submitter;

    @Override
    public Integer call() throws Exception {
        return submitter.submit(options, System.out, System.err);
    }
}
