package io.github.samcoauth.adapter.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/** Samco's documented sample bodies, byte for byte (the sandbox's copy, the only one), and small helpers. */
final class Samples {

    private Samples() {}

    static String read(String name) {
        // from the sandbox's module, which opens its samples (a class reads only its own module's)
        try (var in =
                io.github.samcoauth.bootstrap.sandbox.SandboxServer.class.getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port with nothing listening on it. */
    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SamcoHttpConfig.Builder config(String baseUrl) {
        return SamcoHttpConfig.builder()
                .baseUrl(baseUrl)
                .connectTimeout(java.time.Duration.ofSeconds(2))
                .requestTimeout(java.time.Duration.ofSeconds(2))
                .initialBackoff(java.time.Duration.ofMillis(20));
    }

    /**
     * WireMock journals a request once its delayed answer is written: wait until the delay has
     * passed and the journal holds an entry, so that a count of one also proves there was no second.
     */
    static void awaitDelayedAnswers(java.util.function.Supplier<java.util.List<?>> journal, java.time.Duration delay) {
        long deadline = System.nanoTime()
                + delay.toNanos()
                + java.time.Duration.ofSeconds(5).toNanos();
        try {
            Thread.sleep(delay.toMillis() + 200);
            while (journal.get().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
