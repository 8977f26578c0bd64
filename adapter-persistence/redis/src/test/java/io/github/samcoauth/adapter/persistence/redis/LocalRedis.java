package io.github.samcoauth.adapter.persistence.redis;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** A real Redis on loopback for the tests, without persistence: a restart comes back empty. */
final class LocalRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    LocalRedis() {
        try (var socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        start();
    }

    void start() {
        server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
    }

    /** Stops the server process (its data is gone). */
    void stop() {
        server.stop();
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }
}
