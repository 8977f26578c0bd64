package io.github.samcoauth.bootstrap.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.samcoauth.domain.PkceVerifier;
import io.github.samcoauth.domain.ServerTime;
import io.github.samcoauth.domain.SessionLifetime;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    /** How long a login code lives: 120 s. */
    public static final Duration DEFAULT_CODE_TTL = Duration.ofSeconds(120);

    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /**
     * An OTP the sandbox "sent" to a user's phone and e-mail.
     *
     * @param code the OTP
     * @param expiresAt when it stops working
     * @param uid the user id it was sent to
     */
    public record Delivery(String uid, String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Delivery[uid=" + uid + ", code=***, expiresAt=" + expiresAt + "]";
        }
    }

    private record Pending(String uid, Instant expiresAt) {}

    /** A live token: whose, until when, and (for OAuth) which app and token family it belongs to. */
    private record Issued(String account, Instant expiresAt, String apiKey, String family) {
        Issued(String account, Instant expiresAt) {
            this(account, expiresAt, "", "");
        }
    }

    /** A consent page shown, waiting for Allow or Deny. */
    private record Consent(ApiApp app, String state, String challenge) {}

    /**
     * An authorization code, or a refresh token, of an app for an account; a code whose consent
     * carried a PKCE challenge keeps it ({@code ""} when it had none).
     */
    private record Grant(ApiApp app, String family, Instant expiresAt, String challenge) {
        Grant(ApiApp app, String family, Instant expiresAt) {
            this(app, family, expiresAt, "");
        }
    }

    /**
     * An app of the web dashboard: its API key and secret (opaque strings, as the dashboard issues
     * them) and the account it logs in.
     *
     * @param account the account it logs in
     * @param apiKey its API key
     * @param apiSecret its API secret
     * @param redirectUrl its registered OAuth redirect URL
     */
    public record ApiApp(String apiKey, String apiSecret, String account, String redirectUrl) {
        /**
         * An app with the default redirect URL, {@value #DEFAULT_REDIRECT_URL}.
         *
         * @param apiKey the app's API key
         * @param apiSecret the app's API secret
         * @param account the account it logs in
         */
        public ApiApp(String apiKey, String apiSecret, String account) {
            this(apiKey, apiSecret, account, DEFAULT_REDIRECT_URL);
        }

        @Override
        public String toString() {
            return "ApiApp[account=" + account + ", apiKey=***, apiSecret=***]";
        }
    }

    /** The redirect URL the default apps registered (for OAuth), on this machine. */
    public static final String DEFAULT_REDIRECT_URL = "http://127.0.0.1:8765/callback";

    /** An S256 code challenge: base64url of 32 bytes, without padding. */
    private static final Pattern PKCE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** How long an OAuth authorization code lives: 60 s. */
    public static final Duration AUTHORIZATION_CODE_TTL = Duration.ofSeconds(60);
    /** How long a refresh token lives: 7 days. */
    public static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(7);

    /** The dashboard credentials the sandbox knows by default: one app per default account. */
    public static final List<ApiApp> DEFAULT_APPS = List.of(
            new ApiApp("sandbox-api-key-DV99999", "sandbox-api-secret-DV99999", "DV99999"),
            new ApiApp("sandbox-api-key-RM3XXXXX", "sandbox-api-secret-RM3XXXXX", "RM3XXXXX"));

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration codeTtl;
    private final Map<String, String> accounts;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    /** Live tokens: to whom they belong and until when. */
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();
    private final Map<String, String> latestTokens = new ConcurrentHashMap<>();
    private final AtomicInteger loginsInFlight = new AtomicInteger();
    private final AtomicInteger mostLoginsAtOnce = new AtomicInteger();
    private final Duration loginDelay;
    private final Map<String, ApiApp> apps;
    private final Optional<Duration> tokenLifetime;
    private final Jwts jwts = new Jwts();
    private final Map<String, Consent> consents = new ConcurrentHashMap<>();
    private final Map<String, Grant> authorizationCodes = new ConcurrentHashMap<>();
    private final Map<String, Grant> usedAuthorizationCodes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> rotatedRefreshTokens = new ConcurrentHashMap<>();
    private final BlockingQueue<Delivery> outbox = new LinkedBlockingQueue<>();
    private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Samples samples;
    private final Optional<String> registeredIp;

    private SandboxServer(
            int port,
            Clock clock,
            Duration codeTtl,
            Map<String, String> accounts,
            List<ApiApp> apps,
            Optional<Duration> tokenLifetime,
            Duration loginDelay,
            Optional<String> registeredIp)
            throws IOException {
        this.loginDelay = loginDelay;
        this.registeredIp = registeredIp;
        this.clock = clock;
        this.codeTtl = codeTtl;
        this.accounts = Map.copyOf(accounts);
        this.apps = apps.stream().collect(Collectors.toUnmodifiableMap(ApiApp::apiKey, app -> app));
        this.tokenLifetime = tokenLifetime;
        this.samples = new Samples(json);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            var t = new Thread(r, "samco-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts on a free loopback port with the default accounts and a 120 s code lifetime.
     *
     * @return the running sandbox
     * @throws java.io.IOException when no port can be had
     */
    public static SandboxServer start() throws IOException {
        return builder().start();
    }

    /**
     * A builder, to change accounts, apps, lifetimes, delays or the port.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL to give a client, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the base URL
     */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    /**
     * The port it listens on, on loopback.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Calls {@code listener} for every OTP sent from now on.
     *
     * @param listener told of each delivery
     */
    public void onDelivery(Consumer<Delivery> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * The next OTP sent to {@code uid}, waiting up to {@code timeout}.
     *
     * @param uid the user id
     * @param timeout how long to wait at most
     * @return the delivery, or empty when none came in time
     * @throws InterruptedException when the thread is interrupted while waiting
     */
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

    /**
     * How many requests the sandbox has received, of any kind.
     *
     * @return the count
     */
    public int requestCount() {
        return requests.get();
    }

    /**
     * How many issued tokens are still live (not logged out, not expired, not revoked).
     *
     * @return the count
     */
    public int liveSessions() {
        var now = clock.instant();
        return (int) tokens.values().stream()
                .filter(t -> now.isBefore(t.expiresAt()))
                .count();
    }

    /**
     * How many sessions the account was granted (code and API-key logins alike).
     *
     * @param account the account code
     * @return the count
     */
    public int loginCount(String account) {
        var count = logins.get(account);
        return count == null ? 0 : count.get();
    }

    /**
     * The token of the account's latest {@code /session/token} login, if any.
     *
     * @param account the account code
     * @return the token, or empty
     */
    public Optional<String> latestToken(String account) {
        return Optional.ofNullable(latestTokens.get(account));
    }

    /**
     * How many {@code /session/token} logins are under way now.
     *
     * @return the count
     */
    public int loginsInFlight() {
        return loginsInFlight.get();
    }

    /**
     * The most {@code /session/token} logins that were ever under way at the same time.
     *
     * @return the count
     */
    public int mostLoginsAtOnce() {
        return mostLoginsAtOnce.get();
    }

    /** Revokes every token, as regenerating the API secret in the dashboard does: each answers 401. */
    public void revokeAll() {
        tokens.clear();
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
            if (fromUnregisteredIp(exchange, path)) {
                var failure = envelope("Failure");
                failure.put("statusMessage", "The IP is not the registered static IP");
                failure.put("errorCode", "EOAUTH009");
                send(exchange, 403, failure);
            } else if (method.equals("POST") && path.equals("/otp/generateOtp")) {
                body(exchange).ifPresentOrElse(b -> generateOtp(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("POST") && path.equals("/webSecretCodeValidation")) {
                body(exchange).ifPresentOrElse(b -> validate(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("DELETE") && path.equals("/logout")) {
                logout(exchange);
            } else if (method.equals("POST") && path.equals("/session/token")) {
                body(exchange).ifPresentOrElse(b -> sessionToken(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("GET") && path.equals("/app/oauth/authorize")) {
                consentPage(exchange);
            } else if (method.equals("POST") && path.equals("/app/oauth/authorize")) {
                decision(exchange);
            } else if (method.equals("POST") && path.equals("/oauth/token")) {
                body(exchange).ifPresentOrElse(b -> oauthToken(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("POST") && path.equals("/oauth/revoke")) {
                body(exchange).ifPresentOrElse(b -> revoke(exchange, b), () -> badRequest(exchange));
            } else if (method.equals("GET") && path.equals("/ip/whoami")) {
                authorized(exchange).ifPresent(issued -> whoami(exchange));
            } else if (method.equals("GET") && path.equals("/webSecretCode")) {
                authorized(exchange).ifPresent(issued -> webSecretCode(exchange, issued));
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

    /**
     * SEBI's static-IP rule as Samco applies it: with a registered IP set, every API call from
     * another address is refused with 403, except {@code /ip/whoami} (which says what it sees) and
     * the consent page (a browser's, not an API call).
     */
    private boolean fromUnregisteredIp(HttpExchange exchange, String path) {
        return registeredIp.isPresent()
                && !path.equals("/ip/whoami")
                && !path.equals("/app/oauth/authorize")
                && !registeredIp.get().equals(remoteIp(exchange));
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
        tokens.put(token, new Issued(pending.uid(), expiryFrom(now)));
        logins.computeIfAbsent(pending.uid(), a -> new AtomicInteger()).incrementAndGet();
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
        var issued = token == null ? null : tokens.remove(token);
        if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
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

    private void sessionToken(HttpExchange exchange, JsonNode body) {
        mostLoginsAtOnce.accumulateAndGet(loginsInFlight.incrementAndGet(), Math::max);
        try {
            if (!loginDelay.isZero()) {
                Thread.sleep(loginDelay.toMillis());
            }
            grantSessionToken(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loginsInFlight.decrementAndGet();
        }
    }

    private void grantSessionToken(HttpExchange exchange, JsonNode body) {
        var key = body.path("apiKey").asText("");
        var secret = body.path("apiSecret").asText("");
        if (key.isBlank() || secret.isBlank()) {
            var failure = envelope("Failure");
            failure.put("statusMessage", "apiKey and apiSecret are required");
            send(exchange, 400, failure);
            return;
        }
        var app = apps.get(key);
        if (app == null || !MessageDigest.isEqual(bytes(app.apiSecret()), bytes(secret))) {
            var failure = stamped(samples.sessionTokenFailure());
            if (app != null) {
                failure.put("statusMessage", "Invalid API secret");
                failure.put("errorCode", "EOAUTH008");
            }
            send(exchange, 401, failure);
            return;
        }
        var now = clock.instant();
        var expiresAt = expiryFrom(now);
        var token = jwts.issue(app.account(), now, expiresAt);
        tokens.put(token, new Issued(app.account(), expiresAt));
        logins.computeIfAbsent(app.account(), a -> new AtomicInteger()).incrementAndGet();
        latestTokens.put(app.account(), token);
        var answer = stamped(samples.sessionTokenSuccess());
        answer.put("sessionToken", token);
        answer.put("tokenId", UUID.randomUUID().toString());
        answer.put("accountID", app.account());
        answer.put("accountName", accounts.getOrDefault(app.account(), app.account()));
        answer.put("srcIp", remoteIp(exchange));
        answer.put("primaryIp", remoteIp(exchange));
        answer.put("secondaryIp", "");
        send(exchange, 200, answer);
    }

    private void whoami(HttpExchange exchange) {
        var answer = stamped(samples.whoamiSuccess());
        var source = remoteIp(exchange);
        var primary = registeredIp.orElse(source);
        answer.put("srcIp", source);
        answer.put("primaryIp", primary);
        answer.put("secondaryIp", "");
        answer.put("matches", primary.equals(source));
        if (primary.equals(source)) {
            answer.put("matchedAs", "PRIMARY");
        } else {
            answer.putNull("matchedAs");
        }
        send(exchange, 200, answer);
    }

    private void webSecretCode(HttpExchange exchange, Issued issued) {
        var code = newCode();
        codes.put(code, new Pending(issued.account(), clock.instant().plus(codeTtl)));
        var answer = stamped(samples.webSecretCodeSuccess());
        var data = answer.putObject("data");
        data.put("OTP", code);
        data.put("timeRemainingInSeconds", codeTtl.toSeconds());
        send(exchange, 200, answer);
    }

    // --- OAuth 2.1 ------------------------------------------------------------------------------

    private void consentPage(HttpExchange exchange) {
        var query = Forms.parse(exchange.getRequestURI().getRawQuery());
        var app = apps.get(query.getOrDefault("api_key", ""));
        var redirect = query.getOrDefault("redirect_url", "");
        var state = query.getOrDefault("state", "");
        var challenge = query.getOrDefault("code_challenge", "");
        var challengeMethod = query.getOrDefault("code_challenge_method", challenge.isEmpty() ? "" : "plain");
        if (!challenge.isEmpty()
                && !(challengeMethod.equals("S256")
                        && PKCE_CHALLENGE.matcher(challenge).matches())) {
            html(
                    exchange,
                    400,
                    "Invalid request",
                    "<p id=\"error\">invalid_request: the PKCE code_challenge must be 43 base64url"
                            + " characters with code_challenge_method=S256.</p>");
            return;
        }
        if (app == null || !app.redirectUrl().equals(redirect) || state.isBlank()) {
            // never redirect to a URL the app did not register: say so on the page itself
            html(
                    exchange,
                    400,
                    "Invalid request",
                    "<p id=\"error\">invalid_request: unknown app, or a redirect URL"
                            + " that is not the one registered for the app.</p>");
            return;
        }
        var nonce = newSecret();
        consents.put(nonce, new Consent(app, state, challenge));
        html(
                exchange,
                200,
                "Authorize app",
                "<h1>Authorize app</h1><p>An app asks to trade for account <b>" + Forms.html(app.account())
                        + "</b>.</p><form method=\"post\" action=\"/app/oauth/authorize\">"
                        + "<input type=\"hidden\" name=\"consent\" value=\"" + nonce + "\">"
                        + "<button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> "
                        + "<button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>"
                        + "</form>");
    }

    private void decision(HttpExchange exchange) {
        Map<String, String> form;
        try (InputStream in = exchange.getRequestBody()) {
            form = Forms.parse(new String(in.readNBytes(8 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;
        }
        var consent = consents.remove(form.getOrDefault("consent", ""));
        if (consent == null) {
            html(exchange, 400, "Invalid request", "<p id=\"error\">This consent page was already answered.</p>");
            return;
        }
        var redirect =
                consent.app().redirectUrl() + (consent.app().redirectUrl().contains("?") ? "&" : "?");
        var state = "state=" + Forms.encode(consent.state());
        if (!"allow".equals(form.get("decision"))) {
            redirect(
                    exchange,
                    redirect + "error=access_denied&errorMessage=" + Forms.encode("The user denied access") + "&"
                            + state);
            return;
        }
        var code = newSecret();
        authorizationCodes.put(
                code,
                new Grant(
                        consent.app(),
                        UUID.randomUUID().toString(),
                        clock.instant().plus(AUTHORIZATION_CODE_TTL),
                        consent.challenge()));
        redirect(exchange, redirect + "code=" + code + "&" + state);
    }

    private void oauthToken(HttpExchange exchange, JsonNode body) {
        var grantType = body.path("grant_type").asText("");
        var now = clock.instant();
        if (grantType.equals("authorization_code")) {
            var code = body.path("code").asText("");
            var pending = authorizationCodes.get(code);
            if (pending != null && !verifies(pending, body.path("code_verifier").asText(""))) {
                // RFC 7636 4.6: without the verifier the code is worth nothing, and it stays the
                // client's (whoever saw the code cannot burn it)
                oauthError(
                        exchange,
                        400,
                        "EOAUTH010",
                        "Invalid authorization code: the code_verifier does not match the code_challenge");
                return;
            }
            var grant = pending == null ? null : authorizationCodes.remove(code);
            if (grant != null && now.isBefore(grant.expiresAt())) {
                usedAuthorizationCodes.put(code, grant);
                issueOAuth(exchange, grant);
            } else if (usedAuthorizationCodes.containsKey(code)) {
                var used = usedAuthorizationCodes.get(code);
                revokeAppAndUser(used.app());
                oauthError(
                        exchange,
                        400,
                        "EOAUTH012",
                        "Authorization code has already been used; all tokens of this" + " app and user were revoked");
            } else {
                oauthError(exchange, 400, "EOAUTH010", "Invalid or expired authorization code");
            }
        } else if (grantType.equals("refresh_token")) {
            var token = body.path("refresh_token").asText("");
            var grant = refreshTokens.remove(token);
            if (grant != null && now.isBefore(grant.expiresAt())) {
                rotatedRefreshTokens.put(token, grant);
                issueOAuth(exchange, grant);
            } else if (rotatedRefreshTokens.containsKey(token)) {
                killFamily(rotatedRefreshTokens.get(token).family());
                oauthError(exchange, 400, "EOAUTH013", "Refresh token was already used; its session was revoked");
            } else {
                oauthError(exchange, 400, "EOAUTH011", "Invalid or expired refresh token");
            }
        } else {
            oauthError(exchange, 400, "EOAUTH015", "Unsupported grant_type");
        }
    }

    /** A code with no challenge needs no verifier; one with a challenge only the verifier it was made from. */
    private static boolean verifies(Grant grant, String verifier) {
        if (grant.challenge().isEmpty()) {
            return true;
        }
        return !verifier.isEmpty()
                && MessageDigest.isEqual(bytes(PkceVerifier.challengeOf(verifier)), bytes(grant.challenge()));
    }

    private void issueOAuth(HttpExchange exchange, Grant grant) {
        var app = grant.app();
        var now = clock.instant();
        var expiresAt = expiryFrom(now);
        var access = jwts.issue(app.account(), now, expiresAt);
        tokens.put(access, new Issued(app.account(), expiresAt, app.apiKey(), grant.family()));
        var refresh = "rt_" + newSecret();
        refreshTokens.put(refresh, new Grant(app, grant.family(), now.plus(REFRESH_TOKEN_TTL)));
        logins.computeIfAbsent(app.account(), a -> new AtomicInteger()).incrementAndGet();
        var answer = stamped(samples.oauthTokenSuccess());
        var data = (ObjectNode) answer.path("data");
        data.put("access_token", access);
        data.put("expires_in", Duration.between(now, expiresAt).toSeconds());
        data.put("refresh_token", refresh);
        data.put("refresh_token_expires_in", REFRESH_TOKEN_TTL.toSeconds());
        data.put("session_id", grant.family());
        data.put("user_id", app.account());
        data.put("accountID", app.account());
        data.put("accountName", accounts.getOrDefault(app.account(), app.account()));
        data.put("srcIp", remoteIp(exchange));
        data.put("primaryIp", remoteIp(exchange));
        send(exchange, 200, answer);
    }

    private void revoke(HttpExchange exchange, JsonNode body) {
        var issued = tokens.remove(body.path("token").asText(""));
        if (issued != null && !issued.family().isEmpty()) {
            killFamily(issued.family());
        }
        var answer = samples.oauthRevokeSuccess();
        send(exchange, 200, answer);
    }

    /** A reused authorization code: every token of the app and its user dies. */
    private void revokeAppAndUser(ApiApp app) {
        tokens.values()
                .removeIf(t -> t.apiKey().equals(app.apiKey()) && t.account().equals(app.account()));
        refreshTokens.values().removeIf(g -> g.app().equals(app));
    }

    /** A reused refresh token: its whole family (the session it renewed) dies. */
    private void killFamily(String family) {
        tokens.values().removeIf(t -> t.family().equals(family));
        refreshTokens.values().removeIf(g -> g.family().equals(family));
    }

    private void oauthError(HttpExchange exchange, int status, String errorCode, String message) {
        var failure = stamped(samples.oauthError());
        failure.put("errorCode", errorCode);
        failure.put("message", message);
        send(exchange, status, failure);
    }

    private void html(HttpExchange exchange, int status, String title, String body) {
        var page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Samco sandbox: " + title
                        + "</title></head><body>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, page.length);
            exchange.getResponseBody().write(page);
        } catch (IOException e) {
            // the browser went away
        }
    }

    private void redirect(HttpExchange exchange, String location) {
        try {
            exchange.getResponseHeaders().set("Location", location);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(302, -1);
        } catch (IOException e) {
            // the browser went away
        }
    }

    private String newSecret() {
        var bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The live token of the request, or a 401 answered (and empty) when there is none. */
    private Optional<Issued> authorized(HttpExchange exchange) {
        var token = exchange.getRequestHeaders().getFirst("x-session-token");
        var issued = token == null ? null : tokens.get(token);
        if (issued != null && clock.instant().isBefore(issued.expiresAt())) {
            return Optional.of(issued);
        }
        var failure = stamped(samples.unauthorized());
        if (token != null && !token.isBlank()) {
            failure.put("statusMessage", "Unauthorized - Session token is invalid or expired");
        }
        send(exchange, 401, failure);
        return Optional.empty();
    }

    /** 08:00 IST the next day or 24 hours, whichever is first; or the configured lifetime. */
    private Instant expiryFrom(Instant now) {
        return tokenLifetime.map(now::plus).orElseGet(() -> SessionLifetime.expiresAt(now));
    }

    private static String remoteIp(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
        private List<ApiApp> apps = DEFAULT_APPS;
        private Optional<Duration> tokenLifetime = Optional.empty();
        private Duration loginDelay = Duration.ZERO;
        private Optional<String> registeredIp = Optional.empty();

        private Builder() {}

        /**
         * The app's registered static IP: API calls from any other address are refused with 403
         * {@code EOAUTH009} "The IP is not the registered static IP", as Samco does; {@code
         * /ip/whoami} reports the mismatch. Clients of a loopback sandbox come from {@code 127.0.0.1}
         * (or {@code ::1}), so any other address plays a machine whose IP is not registered.
         *
         * @param address the IP address, as Samco would see the client's
         * @return this builder
         */
        public Builder registeredIp(String address) {
            this.registeredIp = Optional.of(address.strip());
            return this;
        }

        /**
         * {@code /session/token} answers only after this long (a slow Samco, to stop a login midway).
         *
         * @param delay how long each {@code /session/token} login takes
         * @return this builder
         */
        public Builder loginDelay(Duration delay) {
            this.loginDelay = delay;
            return this;
        }

        /**
         * The dashboard apps whose API key and secret {@code /session/token} accepts.
         *
         * @param apps the apps
         * @return this builder
         */
        public Builder apps(List<ApiApp> apps) {
            this.apps = List.copyOf(apps);
            return this;
        }

        /**
         * Tokens live this long instead of until 08:00 IST the next day (to test renewal).
         *
         * @param lifetime how long a token lives
         * @return this builder
         */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Optional.of(lifetime);
            return this;
        }

        /**
         * 0 (the default) picks a free port.
         *
         * @param port the port, or 0
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The clock tokens and codes expire by; default the system's.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How long a login code lives; default 120 s.
         *
         * @param codeTtl the lifetime of a code
         * @return this builder
         */
        public Builder codeTtl(Duration codeTtl) {
            this.codeTtl = codeTtl;
            return this;
        }

        /**
         * Uid to account name; only these uids get an OTP.
         *
         * @param accounts uid to account name
         * @return this builder
         */
        public Builder accounts(Map<String, String> accounts) {
            this.accounts = accounts;
            return this;
        }

        /**
         * Starts the sandbox on loopback.
         *
         * @return the running sandbox
         * @throws IOException when the port cannot be had
         */
        public SandboxServer start() throws IOException {
            return new SandboxServer(port, clock, codeTtl, accounts, apps, tokenLifetime, loginDelay, registeredIp);
        }
    }
}
