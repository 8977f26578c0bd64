package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.OAuthCallback;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.OAuthState;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Listens on the redirect URL's loopback host and port for the browser's return from Samco's
 * consent page. Exactly one callback is taken: the first whose {@code state} is this login's; any
 * other request gets a page saying it is not awaited, and the wait goes on.
 *
 * <p>Nobody else on this machine can take the callback or hold it up:
 *
 * <ul>
 *   <li>{@code 127.0.0.1} and {@code [::1]} are bound as given; {@code localhost} binds both
 *       loopback addresses on the port, and is refused when either is taken (a browser may try
 *       either first, and a squatter on the other would receive the code);
 *   <li>each connection is served on a thread of its own with a deadline for its request, so a
 *       connection that sends half a request and stops holds up nothing but itself.
 * </ul>
 */
final class OAuthCallbackListener implements AutoCloseable {

    /** How long one connection may take to send its request line and headers. */
    static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    /** A browser's request for the callback is far smaller; anything larger is not one. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    /** Connections served at once; more wait in the kernel's backlog. */
    private static final int MAX_CONNECTIONS = 32;

    private final List<ServerSocket> sockets;
    private final String path;
    private final OAuthState state;
    private final Duration readDeadline;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final CompletableFuture<OAuthCallback> callback = new CompletableFuture<>();
    private volatile boolean closed;
    /** The one callback was taken (its page may still be on its way to the browser). */
    private boolean taken;

    private OAuthCallbackListener(List<ServerSocket> sockets, String path, OAuthState state, Duration readDeadline) {
        this.sockets = sockets;
        this.path = path;
        this.state = state;
        this.readDeadline = readDeadline;
    }

    /** Listens at {@code redirectUrl}, which must be plain http on this machine with a port. */
    static Either<AuthError, OAuthCallbackListener> listen(String redirectUrl, OAuthState state) {
        return listen(redirectUrl, state, READ_DEADLINE);
    }

    static Either<AuthError, OAuthCallbackListener> listen(
            String redirectUrl, OAuthState state, Duration readDeadline) {
        URI uri;
        try {
            uri = URI.create(redirectUrl.strip());
        } catch (IllegalArgumentException e) {
            return invalid();
        }
        var host = uri.getHost();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || host == null || uri.getPort() <= 0) {
            return invalid();
        }
        List<InetAddress> addresses;
        try {
            if (host.equalsIgnoreCase("localhost")) {
                addresses = List.of(
                        InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                        InetAddress.getByAddress("localhost", ipv6Loopback()));
            } else if (host.equals("127.0.0.1")) {
                addresses = List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            } else if (host.equals("[::1]")) {
                addresses = List.of(InetAddress.getByAddress(ipv6Loopback()));
            } else {
                return invalid();
            }
        } catch (UnknownHostException e) {
            return invalid();
        }
        var bound = List.<ServerSocket>empty();
        for (var address : addresses) {
            var socket = bind(address, uri.getPort());
            if (socket.isLeft()
                    && addresses.size() > 1
                    && address instanceof Inet6Address
                    && socket.getLeft().contains("assign")) {
                continue; // no IPv6 loopback on this machine: no browser or squatter can use [::1] either
            }
            if (socket.isLeft()) {
                bound.forEach(OAuthCallbackListener::closeQuietly);
                return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(
                        "redirect URL",
                        "a port this process can listen on: " + uri.getPort() + " on " + describe(address)
                                + " is taken or not allowed (" + socket.getLeft() + ")"
                                + (addresses.size() > 1
                                        ? "; with localhost samco needs it on both 127.0.0.1 and [::1], or a"
                                                + " process listening on the other would receive the code"
                                        : ""))));
            }
            bound = bound.append(socket.get());
        }
        var rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        var listener = new OAuthCallbackListener(bound, rawPath, state, readDeadline);
        listener.start();
        return Either.right(listener);
    }

    private static byte[] ipv6Loopback() {
        var bytes = new byte[16];
        bytes[15] = 1;
        return bytes;
    }

    private static String describe(InetAddress address) {
        return address instanceof Inet6Address ? "[::1]" : address.getHostAddress();
    }

    /** A server socket on exactly this address and port, never shared with another socket. */
    private static Either<String, ServerSocket> bind(InetAddress address, int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            // no SO_REUSEADDR: a port that another socket holds must be refused, not shared
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, port), 50);
            return Either.right(socket);
        } catch (IOException | SecurityException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            var why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Either.left(why.length() <= 120 ? why : why.substring(0, 120));
        }
    }

    private static Either<AuthError, OAuthCallbackListener> invalid() {
        return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(
                "redirect URL",
                "http://127.0.0.1:PORT/PATH, http://[::1]:PORT/PATH or http://localhost:PORT/PATH"
                        + " (samco listens there for the browser's return)")));
    }

    private void start() {
        for (var socket : sockets) {
            var acceptor = new Thread(() -> accept(socket), "samco-oauth-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }
    }

    private void accept(ServerSocket server) {
        while (!closed) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!slots.tryAcquire()) {
                closeQuietly(connection); // a flood: the browser's own request retries
                continue;
            }
            var worker = new Thread(
                    () -> {
                        try {
                            serve(connection);
                        } finally {
                            slots.release();
                        }
                    },
                    "samco-oauth-callback");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** One connection: one request read within the deadline, one page, then closed. */
    private void serve(Socket connection) {
        OAuthCallback result = null;
        try (connection) {
            long deadline = System.nanoTime() + readDeadline.toNanos();
            var head = readHead(connection, deadline);
            if (head.isEmpty()) {
                return; // stalled, too large or gone: nothing to answer
            }
            var requestLine = head.get().lines().findFirst().orElse("");
            var parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                page(connection.getOutputStream(), 400, "Not an HTTP request.");
                return;
            }
            URI target;
            try {
                target = URI.create(parts[1]);
            } catch (IllegalArgumentException e) {
                page(connection.getOutputStream(), 400, "This page is not the answer samco is waiting for.");
                return;
            }
            var query = parse(target.getRawQuery());
            var received = Option.of(query.get("state"));
            boolean ours =
                    parts[0].equals("GET") && path.equals(target.getRawPath()) && received.exists(state::matches);
            if (!ours) {
                page(
                        connection.getOutputStream(),
                        400,
                        "This page is not the answer samco is waiting for. Nothing was done.");
                return;
            }
            var candidate = new OAuthCallback(
                    received,
                    Option.of(query.get("code")),
                    Option.of(query.get("error")),
                    Option.of(query.get("errorMessage")));
            boolean first;
            synchronized (this) {
                first = !taken && !closed;
                taken = true;
            }
            if (!first) {
                page(connection.getOutputStream(), 400, "This sign-in was already answered. Nothing was done.");
                return;
            }
            result = candidate;
            page(
                    connection.getOutputStream(),
                    200,
                    result.error().isDefined()
                            ? "Sign-in was not allowed. You may close this window."
                            : "Signed in to samco. You may close this window.");
        } catch (IOException e) {
            // the browser went away; the callback, if it was ours, still counts
        } finally {
            // only once the browser has its whole page: the login then closes the sockets
            if (result != null) {
                callback.complete(result);
            }
        }
    }

    /** The request line and headers, read before the deadline; empty when they did not come whole. */
    private static Option<String> readHead(Socket connection, long deadline) throws IOException {
        InputStream in = connection.getInputStream();
        var head = new ByteArrayOutputStream(512);
        var chunk = new byte[1024];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Option.none();
            }
            connection.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                return Option.none();
            } catch (SocketException e) {
                return Option.none();
            }
            if (n < 0) {
                return Option.none();
            }
            head.write(chunk, 0, n);
            if (head.size() > MAX_REQUEST_BYTES) {
                return Option.none();
            }
            var text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
                return Option.some(text);
            }
        }
    }

    /** The one callback, or {@code NoCallback} when none came within {@code timeout}. */
    Either<AuthError, OAuthCallback> await(Duration timeout) {
        try {
            return Either.right(callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Either.left(new AuthError.NoCallback(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new AuthError.NoCallback(timeout));
        } catch (Exception e) {
            return Either.left(new AuthError.NoCallback(timeout));
        }
    }

    private static void page(OutputStream out, int status, String text) throws IOException {
        var body =
                ("<!doctype html><html><head><meta charset=\"utf-8\"><title>samco</title></head><body><p id=\"samco\">"
                                + text + "</p></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
        var head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Bad Request") + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Cache-Control: no-store\r\n"
                + "Referrer-Policy: no-referrer\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
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

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing more to do
        }
    }

    @Override
    public void close() {
        // the one callback was answered in full before the login went on to close this
        closed = true;
        sockets.forEach(OAuthCallbackListener::closeQuietly);
    }
}
