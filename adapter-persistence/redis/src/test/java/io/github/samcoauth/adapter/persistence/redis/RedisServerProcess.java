package io.github.samcoauth.adapter.persistence.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's 7.0, built with TLS) in a process of its own on a free
 * loopback port, for what the embedded one cannot do: TLS, client certificates, Sentinel, Cluster.
 * Where it is not installed the test is skipped and says so; in CI ({@code CI=true}, where {@code
 * .ci/run} installs it) it fails instead.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Path BINARY =
            Path.of(System.getenv().getOrDefault("SAMCO_REDIS_SERVER", "/usr/bin/redis-server"));

    private final int port;
    private final Path dir;
    private final List<String> command;
    private final Path log;
    private final Process process;
    private final String ready;

    private RedisServerProcess(int port, Path dir, List<String> command, Path log, Process process, String ready) {
        this.port = port;
        this.dir = dir;
        this.command = List.copyOf(command);
        this.log = log;
        this.process = process;
        this.ready = ready;
    }

    /** Skips the test (or, in CI, fails it) where Debian's redis-server is not installed. */
    public static void requireInstalled() {
        boolean installed = Files.isExecutable(BINARY);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(BINARY + " is missing: .ci/run installs it (apt-get install redis-server)");
        }
        assumeTrue(installed, BINARY + " is not installed (apt-get install redis-server): this test needs a real one");
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a server in {@code dir} with {@code settings} (pairs of a directive and its value, as
     * on redis-server's command line), serving TLS on {@code port} when {@code tls}, else plain.
     */
    public static RedisServerProcess start(Path dir, boolean tls, List<String> settings) throws IOException {
        requireInstalled();
        int port = freePort();
        var command = new ArrayList<>(List.of(
                BINARY.toString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        if (tls) {
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port)));
        } else {
            command.addAll(List.of("--port", Integer.toString(port)));
        }
        command.addAll(settings);
        return launch(port, dir, command, "Ready to accept connections");
    }

    /**
     * Starts a sentinel in {@code dir} watching the primary {@code name} at {@code primaryPort} on
     * loopback, quorum 2, a primary down after 1 s; {@code settings} as for {@link #start}. A
     * sentinel rewrites its configuration file, so each has its own.
     */
    public static RedisServerProcess startSentinel(
            Path dir, boolean tls, String name, int primaryPort, List<String> sentinelLines, List<String> settings)
            throws IOException {
        requireInstalled();
        int port = freePort();
        var configuration = dir.resolve("sentinel-" + port + ".conf");
        var lines = new ArrayList<>(List.of(
                "bind 127.0.0.1",
                "dir " + dir,
                "sentinel monitor " + name + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + name + " 1000",
                "sentinel failover-timeout " + name + " 5000",
                "sentinel parallel-syncs " + name + " 1"));
        lines.addAll(sentinelLines);
        Files.write(configuration, lines);
        var command = new ArrayList<>(List.of(BINARY.toString(), configuration.toString(), "--sentinel"));
        if (tls) {
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port)));
        } else {
            command.addAll(List.of("--port", Integer.toString(port)));
        }
        command.addAll(settings);
        return launch(port, dir, command, "+monitor master");
    }

    private static RedisServerProcess launch(int port, Path dir, List<String> command, String ready)
            throws IOException {
        var log = dir.resolve("redis-" + port + ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var server = new RedisServerProcess(port, dir, command, log, process, ready);
        server.awaitReady();
        return server;
    }

    /** What the server has logged so far (for a failure's message). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var said = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (said.contains(ready)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start:\n" + said);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not start within 10 s:\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** The same server started again on its port, as it was started (ended first if it still runs). */
    public RedisServerProcess restart() throws IOException {
        close();
        return launch(port, dir, command, ready);
    }

    /** Ends the process at once, as a crash or {@code kill -9} does (what {@link #close} does too). */
    public void kill() {
        close();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
