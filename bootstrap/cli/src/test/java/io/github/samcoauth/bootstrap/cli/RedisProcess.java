package io.github.samcoauth.bootstrap.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import redis.embedded.RedisExecProvider;

/**
 * A real Redis server process on loopback, from the binary embedded-redis ships, without
 * persistence: {@link #kill()} is a {@code kill -9}, and a restart comes back empty.
 */
final class RedisProcess implements AutoCloseable {

    private final int port;
    private final List<String> extra;
    private Process process;

    RedisProcess() throws IOException {
        this(List.of());
    }

    /** With {@code extra} arguments for the server, e.g. {@code --requirepass PASSWORD}. */
    RedisProcess(List<String> extra) throws IOException {
        this.extra = List.copyOf(extra);
        try (var socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    void start() throws IOException {
        var binary = RedisExecProvider.defaultProvider().get();
        binary.setExecutable(true);
        var command = new java.util.ArrayList<>(List.of(
                binary.getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no"));
        command.addAll(extra);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("Redis did not start on port " + port);
    }

    /** SIGKILL: no shutdown, no save. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
