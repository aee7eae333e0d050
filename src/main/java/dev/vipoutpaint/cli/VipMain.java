package dev.vipoutpaint.cli;

import dev.vipoutpaint.diffusion.BundleConfig;
import dev.vipoutpaint.local.LocalCluster;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code vip}. Quarkus connects the Kafka channels while it boots, so settings
 * that depend on the subcommand are made here, before {@link Quarkus#run}:
 *
 * <ul>
 *   <li>{@code outpaint}: starts the embedded broker, points {@code kafka.bootstrap.servers} at
 *       it, and runs the captioner and worker roles with the filesystem store;</li>
 *   <li>{@code serve}: the configured roles, as they are;</li>
 *   <li>anything else ({@code submit}, {@code caption}, help): no roles, so no stage consumes.</li>
 * </ul>
 *
 * Settings given with {@code -D} win over these defaults, except the broker address in local
 * mode. {@code --verbose} (any position) keeps INFO logging on.
 */
@QuarkusMain
public final class VipMain {

    /** Folder of local-mode state (store, broker log folder), relative to the working folder. */
    static final String LOCAL_HOME = ".vip";

    /** Kept so the log levels set before Quarkus starts are not lost to garbage collection. */
    private static final Logger[] QUIET_LOGGERS = {Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka")};

    private VipMain() {
    }

    public static void main(String... args) {
        String command = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
        boolean verbose = Arrays.asList(args).contains("--verbose");
        String[] quarkusArgs = Arrays.stream(args).filter(arg -> !arg.equals("--verbose")).toArray(String[]::new);

        if (!command.equals(ServeCommand.NAME)) {
            setDefault("quarkus.http.host-enabled", "false");
            if (!verbose) {
                // In local mode, job failures reach the user as the failed event, and log lines
                // would break the progress bar.
                setDefault("quarkus.log.level", command.equals(OutpaintCommand.NAME) ? "ERROR" : "WARN");
                // Commands without some roles leave channels unconnected on purpose.
                setDefault("quarkus.log.category.\"io.smallrye.reactive.messaging.provider\".level", "ERROR");
            }
        }
        if (!command.equals(OutpaintCommand.NAME)) {
            if (!command.equals(ServeCommand.NAME)) {
                setDefault("vip.roles", "none");
            }
            Quarkus.run(VipApplication.class, quarkusArgs);
            return;
        }

        runLocal(quarkusArgs, verbose);
    }

    /** Runs {@code vip outpaint} with an embedded broker that lives exactly as long as Quarkus. */
    private static void runLocal(String[] args, boolean verbose) {
        if (!verbose) {
            // The broker logs before Quarkus configures logging; its warnings are about itself.
            for (Logger logger : QUIET_LOGGERS) {
                logger.setLevel(Level.SEVERE);
            }
        }
        setDefault("vip.roles", "captioner,worker");
        setDefault("vip.storage.kind", "filesystem");
        setDefault("vip.storage.filesystem.root", LOCAL_HOME + "/store");
        bundleTextMaxLength().ifPresent(length -> setDefault("vip.prompts.text-max-length", Integer.toString(length)));

        LocalCluster cluster = LocalCluster.start(Path.of(LOCAL_HOME), Optional.empty());
        System.setProperty("kafka.bootstrap.servers", cluster.bootstrapServers());
        int[] exitCode = {1};
        try {
            Quarkus.run(VipApplication.class, (code, failure) -> {
                exitCode[0] = code;
                if (failure != null) {
                    failure.printStackTrace();
                }
            }, args);
        } finally {
            cluster.close();
        }
        System.exit(exitCode[0]);
    }

    /**
     * Returns {@code text.max_length} of the bundle local mode loads, so the captioner trims
     * prompts to what the text encoder reads; empty when the bundle is missing or unreadable, and
     * then the worker reports the bundle problem in the failed event.
     */
    private static Optional<Integer> bundleTextMaxLength() {
        Path bundle = Path.of(System.getProperty("vip.model.bundle", "models/vip-tiny"));
        if (!Files.isRegularFile(bundle.resolve(BundleConfig.FILE_NAME))) {
            return Optional.empty();
        }
        try {
            return Optional.of(BundleConfig.read(bundle).maxTextLength());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
