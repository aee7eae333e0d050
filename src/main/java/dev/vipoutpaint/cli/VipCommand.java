package dev.vipoutpaint.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code vip} command line; each stage and tool is a subcommand. */
@TopCommand
@Command(
        name = "vip",
        mixinStandardHelpOptions = true,
        description = "VIP Outpaint: extend photos beyond their borders with space-aware prompts.",
        subcommands = {CaptionCommand.class})
public class VipCommand {
}
