package io.github.samcoauth.bootstrap.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code samco keep --listen HOST:PORT} answers an orchestrator: {@code /healthz} (200 while
 * a valid session is held, 503 otherwise), {@code /readyz} (200 once keep has its first answer from
 * the store, 503 before), {@code /metrics} (Prometheus text). Bodies are JSON without the token.
 * Loopback only, unless {@code --listen-anywhere}. One thread; only {@code GET} and {@code HEAD}.
 */
final class KeepEndpoints implements AutoCloseable {

    private final HttpServer server;

    private KeepEndpoints(HttpServer server) {
        this.server = server;
    }

    /** {@code HOST:PORT} (a name, an IPv4 address or {@code [IPv6]}); port 0 picks a free one. */
    static Either<AuthError, InetSocketAddress> address(String raw, boolean anywhere) {
        var invalid = Either.<AuthError, InetSocketAddress>left(new AuthError.InvalidInput(
                new DomainError.Malformed("--listen", "HOST:PORT on this machine, e.g. 127.0.0.1:9464")));
        if (raw == null) {
            return invalid;
        }
        int colon = raw.lastIndexOf(':');
        if (colon <= 0 || colon == raw.length() - 1 || raw.length() > 300) {
            return invalid;
        }
        var host = raw.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        var digits = raw.substring(colon + 1);
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return invalid;
        }
        int port = Integer.parseInt(digits);
        if (port > 65_535 || host.isEmpty()) {
            return invalid;
        }
        try {
            var address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress() && !anywhere) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(
                        "--listen",
                        "a loopback address (127.0.0.1, ::1, localhost); another only with --listen-anywhere")));
            }
            return Either.right(new InetSocketAddress(address, port));
        } catch (UnknownHostException | SecurityException e) {
            return invalid;
        }
    }

    /**
     * Serves on {@code address}: health from {@code session}, readiness from {@code ready},
     * metrics from {@code metrics} (Prometheus text).
     */
    static Either<AuthError, KeepEndpoints> start(
            InetSocketAddress address,
            Supplier<Either<AuthError, Session>> session,
            BooleanSupplier ready,
            Supplier<String> metrics,
            Clock clock) {
        try {
            var server = HttpServer.create(address, 16);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                var thread = new Thread(r, "samco-keep-listen");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/", exchange -> {
                try (exchange) {
                    answer(exchange, session, ready, metrics, clock);
                }
            });
            server.start();
            return Either.right(new KeepEndpoints(server));
        } catch (IOException | RuntimeException e) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(
                    "--listen", "an address this machine can listen on (" + address + ": " + e.getMessage() + ")")));
        }
    }

    private static void answer(
            HttpExchange exchange,
            Supplier<Either<AuthError, Session>> session,
            BooleanSupplier ready,
            Supplier<String> metrics,
            Clock clock)
            throws IOException {
        var method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "application/json", json(Map.of("error", "only GET and HEAD")));
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/healthz" -> {
                var now = session.get();
                var body = new LinkedHashMap<String, Object>();
                if (now.isRight() && now.get().isValidAt(clock.instant())) {
                    body.put("status", "UP");
                    body.put("account", now.get().accountId().value());
                    body.put("method", now.get().method().label());
                    body.put("expiresAt", now.get().expiresAt().toString());
                    send(exchange, 200, "application/json", json(body));
                } else {
                    body.put("status", "DOWN");
                    body.put("reason", now.isLeft() ? now.getLeft().message() : "the session expired");
                    send(exchange, 503, "application/json", json(body));
                }
            }
            case "/readyz" -> {
                boolean isReady = ready.getAsBoolean();
                send(exchange, isReady ? 200 : 503, "application/json", json(Map.of("ready", isReady)));
            }
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            default -> send(exchange, 404, "application/json", json(Map.of("error", "no such endpoint")));
        }
    }

    private static String json(Map<String, Object> body) {
        return Output.jsonOf(body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Where it listens: {@code http://HOST:PORT}. */
    String url() {
        var bound = server.getAddress();
        var host = bound.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService executor) {
            executor.shutdownNow();
        }
    }
}
