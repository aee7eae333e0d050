package dev.vipoutpaint.cli;

import dev.vipoutpaint.caption.heuristic.HeuristicCaptioner;
import picocli.CommandLine;

/**
 * Runs {@code vip caption} with the heuristic captioner and without starting Quarkus, so
 * captioning a dataset needs neither Kafka nor the application's configuration.
 */
public final class CaptionMain {

    private CaptionMain() {
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new CaptionCommand(new HeuristicCaptioner())).execute(args);
        System.exit(exitCode);
    }
}
