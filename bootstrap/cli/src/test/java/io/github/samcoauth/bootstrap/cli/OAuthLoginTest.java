package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samco login --oauth} in this JVM against the sandbox, the test acting as the browser with
 * the JDK's HTTP client: consent page, Allow or Deny, back to the CLI's listener.
 */
class OAuthLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTHORIZE = Pattern.compile("(http://\\S+/app/oauth/authorize\\?\\S+)");

    @TempDir
    Path stateDir;

    private SandboxServer sandbox;
    private String redirect;
    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redirect = "http://127.0.0.1:" + port + "/callback";
        sandbox = SandboxServer.builder()
                .apps(List.of(
                        new SandboxServer.ApiApp("sandbox-oauth-key", "sandbox-oauth-secret", "DV99999", redirect)))
                .start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Runs the login in the background; returns its result and, once it printed it, the consent page's address. */
    private CompletableFuture<Cli.Run> login(StringWriter err, String... extra) {
        var args = new java.util.ArrayList<>(
                List.of("--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "--timeout", "20"));
        args.addAll(List.of(extra));
        args.addAll(List.of("login", "--oauth", "--no-browser", "--redirect-url", redirect));
        return CompletableFuture.supplyAsync(() -> {
            var out = new StringWriter();
            int exit = SamcoCli.run(
                    args.toArray(String[]::new),
                    Map.of("SAMCO_API_KEY", "sandbox-oauth-key"),
                    new ByteArrayInputStream(new byte[0]),
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    false);
            return new Cli.Run(exit, out.toString(), err.toString());
        });
    }

    private static String authorizeUrl(StringWriter err) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var matcher = AUTHORIZE.matcher(err.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no authorize URL printed: " + err);
    }

    /** What a person does on the consent page: the form posted with their decision; returns where they are sent. */
    private String decide(String authorizeUrl, String decision) throws Exception {
        var page = browser.send(
                HttpRequest.newBuilder(URI.create(authorizeUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        var consent = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(consent.find()).as(page.body()).isTrue();
        var posted = browser.send(
                HttpRequest.newBuilder(URI.create(authorizeUrl).resolve("/app/oauth/authorize"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "consent=" + consent.group(1) + "&decision=" + decision))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(302);
        return posted.headers().firstValue("Location").orElseThrow();
    }

    /**
     * The browser's return to the CLI's listener. A refused connection is tried again a few times
     * (a loaded machine may be slow to accept); if it stays refused, the failure says what the
     * login printed and whether it had already ended.
     */
    private HttpResponse<String> backToListener(String url, CompletableFuture<Cli.Run> run, StringWriter err)
            throws Exception {
        java.net.ConnectException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return browser.send(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError(
                "the login's listener refused the browser; login ended: " + (run.isDone() ? run.get() : "no")
                        + "; it printed: " + err,
                last);
    }

    @Test
    void givenAPersonWhoAllows_whenLoggingInWithOAuth_thenAnOAuthSessionWithARefreshTokenIsStored() throws Exception {
        var err = new StringWriter();
        var run = login(err, "--json");
        var location = decide(authorizeUrl(err), "allow");
        assertThat(location).startsWith(redirect + "?code=");
        var stranger = backToListener(redirect + "?code=forged&state=not-ours", run, err);
        assertThat(stranger.statusCode())
                .as("a callback of another login is refused")
                .isEqualTo(400);
        var back = backToListener(location, run, err);
        assertThat(back.body()).contains("You may close this window");
        var result = run.get();
        assertThat(result.exit()).as(result.toString()).isZero();
        var session = JSON.readTree(result.stdout());
        assertThat(session.path("method").asText()).isEqualTo("oauth");
        assertThat(session.path("account").asText()).isEqualTo("DV99999");
        assertThat(result.stdout() + result.stderr()).doesNotContain(location.replaceAll(".*code=([^&]+).*", "$1"));

        var refreshed = Cli.oneObject(
                JSON,
                Cli.inProcess(
                        Map.of(),
                        "",
                        "--base-url",
                        sandbox.url(),
                        "--state-dir",
                        stateDir.toString(),
                        "--json",
                        "refresh"));
        assertThat(refreshed.path("method").asText()).isEqualTo("oauth");
        var logout = Cli.oneObject(
                JSON,
                Cli.inProcess(
                        Map.of(),
                        "",
                        "--base-url",
                        sandbox.url(),
                        "--state-dir",
                        stateDir.toString(),
                        "--json",
                        "logout"));
        assertThat(logout.path("remote").asText()).isEqualTo("logged-out");
        assertThat(sandbox.liveSessions()).isZero();
    }

    @Test
    void givenAPersonWhoDenies_whenLoggingInWithOAuth_thenExit3AndNothingStored() throws Exception {
        var err = new StringWriter();
        var run = login(err);
        var location = decide(authorizeUrl(err), "deny");
        assertThat(location).contains("error=access_denied");
        backToListener(location, run, err);
        var result = run.get();
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.stderr()).contains("access_denied");
        assertThat(Cli.inProcess("--state-dir", stateDir.toString(), "session").exit())
                .isEqualTo(4);
    }

    @Test
    void givenARedirectUrlSamcoCannotListenOnOrNoKey_whenLoggingIn_thenExit2AndNothingSent() {
        var remote = Cli.inProcess(
                Map.of("SAMCO_API_KEY", "sandbox-oauth-key"),
                "",
                "--base-url",
                sandbox.url(),
                "--state-dir",
                stateDir.toString(),
                "login",
                "--oauth",
                "--redirect-url",
                "https://desk.example/callback");
        assertThat(remote.exit()).isEqualTo(2);
        assertThat(remote.stderr()).contains("redirect URL");
        var noKey = Cli.inProcess("--base-url", sandbox.url(), "login", "--oauth", "--redirect-url", redirect);
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(sandbox.requestCount()).isZero();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void givenASquatterOnIpv6LoopbackAndALocalhostRedirect_whenLoggingIn_thenExit2BeforeTheConsentAddressIsShown()
            throws Exception {
        int port = freePort();
        try (var squatter = new ServerSocket()) {
            squatter.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), port));
            var run = Cli.inProcess(
                    Map.of("SAMCO_API_KEY", "sandbox-oauth-key"),
                    "",
                    "--base-url",
                    sandbox.url(),
                    "--state-dir",
                    stateDir.toString(),
                    "login",
                    "--oauth",
                    "--no-browser",
                    "--redirect-url",
                    "http://localhost:" + port + "/callback");
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.stderr()).contains("[::1]").contains(String.valueOf(port));
            assertThat(run.stderr()).doesNotContain("/app/oauth/authorize").doesNotContain("code_challenge");
            assertThat(sandbox.requestCount()).isZero();
        }
    }

    @Test
    void givenALocalhostRedirect_whenLoggingIn_thenBothLoopbackAddressesAreSamcosAndTheLoginSucceeds()
            throws Exception {
        int port = freePort();
        var localhost = "http://localhost:" + port + "/callback";
        try (var own = SandboxServer.builder()
                .apps(List.of(
                        new SandboxServer.ApiApp("sandbox-oauth-key", "sandbox-oauth-secret", "DV99999", localhost)))
                .start()) {
            var err = new StringWriter();
            var run = CompletableFuture.supplyAsync(() -> {
                var out = new StringWriter();
                int exit = SamcoCli.run(
                        new String[] {
                            "--base-url",
                            own.url(),
                            "--state-dir",
                            stateDir.toString(),
                            "--timeout",
                            "20",
                            "--json",
                            "login",
                            "--oauth",
                            "--no-browser",
                            "--redirect-url",
                            localhost
                        },
                        Map.of("SAMCO_API_KEY", "sandbox-oauth-key"),
                        new ByteArrayInputStream(new byte[0]),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        false);
                return new Cli.Run(exit, out.toString(), err.toString());
            });
            var url = authorizeUrl(err);
            for (var squat : List.of("127.0.0.1", "::1")) {
                try (var again = new ServerSocket()) {
                    again.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(squat), port));
                    throw new AssertionError(
                            "port " + port + " on " + squat + " was free for anybody during the login");
                } catch (java.net.BindException expected) {
                    // samco holds it
                }
            }
            var location = decide(url, "allow");
            var back = backToListener(location.replace("localhost", "[::1]"), run, err);
            assertThat(back.statusCode()).isEqualTo(200);
            var result = run.get();
            assertThat(result.exit()).as(result.toString()).isZero();
        }
    }

    @Test
    void givenAConnectionThatSendsHalfARequestAndStalls_whenTheRealCallbackArrives_thenTheLoginSucceeds()
            throws Exception {
        var err = new StringWriter();
        var run = login(err, "--json");
        var url = authorizeUrl(err);
        assertThat(url).contains("code_challenge=").contains("code_challenge_method=S256");
        var port = URI.create(redirect).getPort();
        try (var stalled = new java.net.Socket("127.0.0.1", port);
                var stalled2 = new java.net.Socket("127.0.0.1", port)) {
            stalled.getOutputStream().write("GET /callback?x".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            // the second never sends a byte
            var location = decide(url, "allow");
            var back = backToListener(location, run, err);
            assertThat(back.statusCode()).isEqualTo(200);
            var result = run.get();
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(JSON.readTree(result.stdout()).path("method").asText()).isEqualTo("oauth");
        }
    }

    @Test
    void givenABrowserThatNeverComesBack_whenTheWaitEnds_thenItsOwnErrorAndExit8NotUnavailable() throws Exception {
        var args = new String[] {
            "--base-url",
            sandbox.url(),
            "--state-dir",
            stateDir.toString(),
            "--timeout",
            "1",
            "--json",
            "login",
            "--oauth",
            "--no-browser",
            "--redirect-url",
            redirect
        };
        var run = Cli.inProcess(Map.of("SAMCO_API_KEY", "sandbox-oauth-key"), "", args);
        assertThat(run.exit())
                .as(run.toString())
                .isEqualTo(ExitCodes.NO_CALLBACK)
                .isEqualTo(8);
        var error = JSON.readTree(run.stdout()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("no-callback");
        assertThat(error.path("message").asText()).contains("did not come back").doesNotContain("unavailable");
        assertThat(sandbox.requestCount()).isZero();
    }
}
