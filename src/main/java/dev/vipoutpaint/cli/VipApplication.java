package dev.vipoutpaint.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the picocli command line inside the started Quarkus application. */
public class VipApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return new CommandLine(VipCommand.class, factory).execute(args);
    }
}
