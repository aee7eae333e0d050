package dev.vipoutpaint.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3 API server for tests: S3Mock's executable jar run as a child JVM, listening on
 * 127.0.0.1 only, on free ports, with its objects in a folder of its own under
 * {@code target/test-servers}.
 *
 * <p>S3Mock 4.x is a Spring Boot application with two Tomcat connectors: the main one
 * ({@code server.port}, HTTPS by default) and a second plain HTTP one
 * ({@code com.adobe.testing.s3mock.httpPort}). Here the main one is turned into plain HTTP
 * ({@code server.ssl.enabled=false}) bound by {@code server.address=127.0.0.1}; clients use it.
 * The second one cannot be switched off, so {@code loopback-http-connector.xml} binds it to
 * 127.0.0.1 as well.
 */
public final class S3MockServer implements AutoCloseable {

    /** Where the Maven build copies the jar (maven-dependency-plugin, generate-test-resources). */
    static final String JAR_PROPERTY = "vip.test.s3mock-jar";
    static final Path DEFAULT_JAR = Path.of("target", "test-servers", "s3mock-exec.jar");

    /** Generous, because a loaded machine can slow the Spring Boot start several times over. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int MAX_START_ATTEMPTS = 3;

    /** Credentials for clients. S3Mock accepts any, but the MinIO adapter requires some. */
    public static final String ACCESS_KEY = "vip-test-access";
    public static final String SECRET_KEY = "vip-test-secret";

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Thread shutdownHook;

    private S3MockServer(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        // If the test JVM ends without close() (a crash, a kill), still stop the child.
        this.shutdownHook = new Thread(() -> process.toHandle().destroy(), "s3mock-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts S3Mock and waits until it serves HTTP on its port.
     *
     * @throws IllegalStateException when the jar is missing, or the server exits or does not
     *     respond within 120 s. The message contains the tail of its log
     */
    public static S3MockServer start() {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR.toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock jar not found at " + jar.toAbsolutePath()
                    + "; run `mvn generate-test-resources` or set -D" + JAR_PROPERTY + "=PATH");
        }

        // Another process may take a free port between our check and S3Mock's bind, so a bind
        // failure is retried with new ports.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePorts(jar);
            } catch (PortTakenException e) {
                if (attempt == MAX_START_ATTEMPTS) {
                    throw new IllegalStateException("S3Mock could not bind free ports in "
                            + MAX_START_ATTEMPTS + " attempts; last log:\n" + e.getMessage(), e);
                }
            }
        }
    }

    private static S3MockServer startOnFreePorts(Path jar) {
        try {
            int[] ports = freeLoopbackPorts(2);
            int port = ports[0];
            int secondPort = ports[1];
            Path workDir = Files.createDirectories(jar.toAbsolutePath().getParent()
                    .resolve("s3mock-" + port));
            Path storeRoot = workDir.resolve("store");
            Path connectorXml = workDir.resolve("loopback-http-connector.xml");
            copyResource("/s3mock/loopback-http-connector.xml", connectorXml);
            Path log = workDir.resolve("s3mock.log");

            List<String> command = new ArrayList<>(List.of(
                    javaExecutable(),
                    // A small, quick-starting JVM: the tests store a few megabytes at most.
                    "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toAbsolutePath().toString(),
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    "--server.ssl.enabled=false",
                    "--com.adobe.testing.s3mock.httpPort=" + secondPort,
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                    "--com.adobe.testing.s3mock.store.retainFilesOnExit=false",
                    "--spring.main.sources=" + connectorXml.toUri(),
                    "--spring.main.banner-mode=off"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();

            S3MockServer server = new S3MockServer(process, port, workDir);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Mock from " + jar, e);
        }
    }

    /** Returns the base URL of the S3 API, for example {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the child by its PID (SIGTERM, then SIGKILL after 15 s) and removes its files. */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }

        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is already stopping, so the hook runs anyway.
        }
        deleteRecursively(workDir);
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest listBuckets = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);

        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String logTail = tail(log);
                close();
                if (logTail.contains("Address already in use")) {
                    throw new PortTakenException(logTail);
                }
                throw new IllegalStateException("S3Mock exited with status " + process.exitValue()
                        + " before responding on " + endpoint() + "; log:\n" + logTail);
            }
            try {
                // The bucket list proves that S3Mock, not some other process, owns the port.
                HttpResponse<String> response = http.send(listBuckets, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("ListAllMyBucketsResult")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The connection is refused until Tomcat binds, so try again after the pause.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for S3Mock", e);
            }
            sleep(POLL_INTERVAL);
        }

        String logTail = tail(log);
        close();
        throw new IllegalStateException("S3Mock did not respond on " + endpoint() + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; log:\n" + logTail);
    }

    /** Returns {@code count} distinct free ports, holding each open until all are chosen. */
    private static int[] freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            // The ports are free once these sockets close, and S3Mock binds them a moment later.
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = S3MockServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }

    /** S3Mock exited because a port was taken after it was found free; the message is its log. */
    private static final class PortTakenException extends RuntimeException {

        PortTakenException(String logTail) {
            super(logTail);
        }
    }
}
