package io.github.samcoauth.bootstrap.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.OAuthCallback;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.OAuthState;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Listens on the redirect URL's loopback host and port for the browser's return from Samco's
 * consent page. Exactly one callback is taken: the first whose {@code state} is this login's; any
 * other request gets a page saying it is not awaited, and the wait goes on. The browser is answered
 * with a small page saying it may be closed.
 */
final class OAuthCallbackListener implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "samco-oauth-callback");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<OAuthCallback> callback = new CompletableFuture<>();

    private OAuthCallbackListener(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
    }

    /** Listens at {@code redirectUrl}, which must be plain http on this machine with a port. */
    static Either<AuthError, OAuthCallbackListener> listen(String redirectUrl, OAuthState state) {
        URI uri;
        try {
            uri = URI.create(redirectUrl.strip());
        } catch (IllegalArgumentException e) {
            return invalid();
        }
        var host = uri.getHost();
        if (!"http".equalsIgnoreCase(uri.getScheme())
                || host == null
                || uri.getPort() <= 0
                || !(host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]"))) {
            return invalid();
        }
        try {
            var server = HttpServer.create(
                    new InetSocketAddress(host.replace("[", "").replace("]", ""), uri.getPort()), 0);
            var listener = new OAuthCallbackListener(server);
            var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            server.createContext(path, exchange -> listener.handle(exchange, path, state));
            server.start();
            return Either.right(listener);
        } catch (IOException e) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(
                    "redirect URL",
                    "a port this process can listen on (" + uri.getPort() + " is taken or not allowed)")));
        }
    }

    private static Either<AuthError, OAuthCallbackListener> invalid() {
        return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(
                "redirect URL", "http://127.0.0.1:PORT/PATH (samco listens there for the browser's return)")));
    }

    private void handle(HttpExchange exchange, String path, OAuthState state) throws IOException {
        OAuthCallback result = null;
        try (exchange) {
            var query = parse(exchange.getRequestURI().getRawQuery());
            var received = Option.of(query.get("state"));
            boolean ours = exchange.getRequestMethod().equals("GET")
                    && exchange.getRequestURI().getRawPath().equals(path)
                    && received.exists(state::matches)
                    && !callback.isDone();
            if (!ours) {
                page(exchange, 400, "This page is not the answer samco is waiting for. Nothing was done.");
                return;
            }
            result = new OAuthCallback(
                    received,
                    Option.of(query.get("code")),
                    Option.of(query.get("error")),
                    Option.of(query.get("errorMessage")));
            page(
                    exchange,
                    200,
                    result.error().isDefined()
                            ? "Sign-in was not allowed. You may close this window."
                            : "Signed in to samco. You may close this window.");
        } finally {
            // only once the browser has its whole page: the login then closes this server, and a
            // server closed mid-answer resets the browser's connection
            if (result != null) {
                callback.complete(result);
            }
        }
    }

    /** The one callback, or an {@code Unavailable} when none came within {@code timeout}. */
    Either<AuthError, OAuthCallback> await(Duration timeout) {
        try {
            return Either.right(callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Either.left(new AuthError.Unavailable(
                    "the browser did not come back from Samco's consent page within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new AuthError.Unavailable("interrupted while waiting for the browser"));
        } catch (Exception e) {
            return Either.left(new AuthError.Unavailable("the callback listener failed"));
        }
    }

    private static void page(HttpExchange exchange, int status, String text) throws IOException {
        var body =
                ("<!doctype html><html><head><meta charset=\"utf-8\"><title>samco</title></head><body><p id=\"samco\">"
                                + text + "</p></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> parse(String raw) {
        var values = new HashMap<String, String>();
        if (raw == null) {
            return values;
        }
        for (var pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    values.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // not a callback of Samco's
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        // the one callback was answered in full before the login went on to close this
        server.stop(0);
        executor.shutdownNow();
    }
}
