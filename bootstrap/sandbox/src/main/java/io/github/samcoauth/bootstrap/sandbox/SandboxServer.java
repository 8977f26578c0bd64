package io.github.samcoauth.bootstrap.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.samcoauth.domain.ServerTime;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An offline Samco: {@code POST /otp/generateOtp}, {@code POST /webSecretCodeValidation} and
 * {@code DELETE /logout}, answering with the bodies Samco documents, on loopback only. Codes are
 * single use and expire; unknown uids are rejected; each login issues a fresh token that logout
 * accepts once. The OTP is "delivered" to an outbox that tests, the demo and {@code samco sandbox}
 * read. Every answer Samco documents is its documented sample body (the same files the HTTP
 * client's tests use), with this moment's server time, token and account filled in.
 *
 * <p>The JDK's HTTP server delays each answer by ~40 ms (the client's delayed ACK) unless the
 * process sets {@code -Dsun.net.httpserver.nodelay=true} before the first server starts; the
 * {@code samco} CLI does. A library never sets system properties for its host.
 *
 * <pre>{@code
 * try (var sandbox = SandboxServer.start()) {
 *     var auth = SamcoAuth.builder().baseUrl(sandbox.url()).stateDir(tmp).build().get();
 *     auth.requestOtp("DV99999");
 *     auth.login(sandbox.awaitOtp("DV99999", Duration.ofSeconds(5)).orElseThrow().code());
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

    /** Accounts the sandbox knows, with the names it reports. */
    public static final Map<String, String> DEFAULT_ACCOUNTS =
            Map.of("DV99999", "DEMO TRADER", "RM3XXXXX", "MXXXXXAD AXXX");

    public static final Duration DEFAULT_CODE_TTL = Duration.ofSeconds(120);

    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** An OTP the sandbox "sent" to a user's phone and e-mail. */
    public record Delivery(String uid, String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Delivery[uid=" + uid + ", code=***, expiresAt=" + expiresAt + "]";
        }
    }

    private record Pending(String uid, Instant expiresAt) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration codeTtl;
    private final Map<String, String> accounts;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Delivery> outbox = new LinkedBlockingQueue<>();
    private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Samples samples;

    private SandboxServer(int port, Clock clock, Duration codeTtl, Map<String, String> accounts) throws IOException {
        this.clock = clock;
        this.codeTtl = codeTtl;
        this.accounts = Map.copyOf(accounts);
        this.samples = new Samples(json);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            var t = new Thread(r, "samco-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free loopback port with the default accounts and a 120 s code lifetime. */
    public static SandboxServer start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL to give a client, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Calls {@code listener} for every OTP sent from now on. */
    public void onDelivery(Consumer<Delivery> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** The next OTP sent to {@code uid}, waiting up to {@code timeout}. */
    public Optional<Delivery> awaitOtp(String uid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            var next = outbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (next == null) {
                return Optional.empty();
            }
            if (next.uid().equals(uid)) {
                return Optional.of(next);
            }
        }
    }

    /** How many requests the sandbox has received, of any kind. */
    public int requestCount() {
        return requests.get();
    }

    /** How many issued tokens are still live (not logged out). */
    public int liveSessions() {
        return tokens.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- the API -----------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            var method = exchange.getRequestMethod();
            var path = exchange.getRequestURI().getPath();
            if (method.equals("POST") && path.equals("/otp/generateOtp")) {
                body(exchange).ifPresentOrElse(b -> generateOtp(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("POST") && path.equals("/webSecretCodeValidation")) {
                body(exchange).ifPresentOrElse(b -> validate(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("DELETE") && path.equals("/logout")) {
                logout(exchange);
            } else {
                var failure = envelope("Failure");
                failure.put("statusMessage", "No such endpoint: " + method + " " + path);
                send(exchange, 404, failure);
            }
        } catch (RuntimeException e) {
            var failure = envelope("Error");
            failure.put("statusMessage", "Internal sandbox error");
            send(exchange, 500, failure);
        }
    }

    private void generateOtp(HttpExchange exchange, JsonNode body) {
        var uid = body.path("uid").asText("").strip().toUpperCase(Locale.ROOT);
        if (!accounts.containsKey(uid)) {
            send(exchange, 200, stamped(samples.generateOtpFailure()));
            return;
        }
        var code = newCode();
        var expiresAt = clock.instant().plus(codeTtl);
        codes.put(code, new Pending(uid, expiresAt));
        var delivery = new Delivery(uid, code, expiresAt);
        outbox.add(delivery);
        listeners.forEach(l -> l.accept(delivery));
        send(exchange, 200, stamped(samples.generateOtpSuccess()));
    }

    private void validate(HttpExchange exchange, JsonNode body) {
        var code = body.path("otp").asText("").strip();
        var pending = codes.remove(code);
        var now = clock.instant();
        if (pending == null || !now.isBefore(pending.expiresAt())) {
            var failure = samples.loginFailure();
            failure.put("serverTime", ServerTime.of(now).raw());
            failure.putArray("validationErrors")
                    .add(
                            pending == null
                                    ? "Invalid OTP. Please enter valid OTP."
                                    : "OTP expired. Please enter valid OTP.");
            send(exchange, 200, failure);
            return;
        }
        var token = newToken();
        tokens.add(token);
        var answer = samples.loginSuccess();
        answer.put("serverTime", ServerTime.of(now).raw());
        answer.put("sessionToken", token);
        answer.put("accountID", pending.uid());
        answer.put("accountName", accounts.get(pending.uid()));
        answer.put("srcIp", "");
        answer.put("primaryIp", "");
        answer.put("secondaryIp", "");
        send(exchange, 200, answer);
    }

    private void logout(HttpExchange exchange) {
        var token = exchange.getRequestHeaders().getFirst("x-session-token");
        if (token == null || token.isBlank() || !tokens.remove(token)) {
            var failure = envelope("Failure");
            failure.put(
                    "statusMessage",
                    token == null || token.isBlank()
                            ? "Unauthorized - Session token is mandatory in request header"
                            : "Unauthorized - Session token is invalid or expired");
            send(exchange, 401, failure);
            return;
        }
        send(exchange, 200, stamped(samples.logoutSuccess()));
    }

    private void badRequest(HttpExchange exchange) {
        var failure = envelope("Failure");
        failure.put("statusMessage", "Request body must be a JSON object");
        send(exchange, 400, failure);
    }

    // --- plumbing ----------------------------------------------------------------------------

    /** A sample answer with this moment's server time and a fresh msgId. */
    private ObjectNode stamped(ObjectNode sample) {
        sample.put("serverTime", ServerTime.of(clock.instant()).raw());
        sample.put("msgId", UUID.randomUUID().toString());
        return sample;
    }

    private ObjectNode envelope(String status) {
        var node = json.createObjectNode();
        node.put("serverTime", ServerTime.of(clock.instant()).raw());
        node.put("msgId", UUID.randomUUID().toString());
        node.put("status", status);
        return node;
    }

    private Optional<JsonNode> body(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            var node = json.readTree(in.readNBytes(64 * 1024));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) {
        try {
            var bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }

    private String newCode() {
        var code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private String newToken() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "SandboxServer[" + url() + "]";
    }

    /** Port, clock, code lifetime and accounts of a sandbox. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private Duration codeTtl = DEFAULT_CODE_TTL;
        private Map<String, String> accounts = DEFAULT_ACCOUNTS;

        private Builder() {}

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder codeTtl(Duration codeTtl) {
            this.codeTtl = codeTtl;
            return this;
        }

        /** Uid to account name; only these uids get an OTP. */
        public Builder accounts(Map<String, String> accounts) {
            this.accounts = accounts;
            return this;
        }

        public SandboxServer start() throws IOException {
            return new SandboxServer(port, clock, codeTtl, accounts);
        }
    }
}
