package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command, at the most verbose level, in human and JSON mode: the login code and the session
 * token appear nowhere — not on stdout or stderr (wire log included), not in the audit journal —
 * except on the stdout of {@code samco token} and in the session file, where they belong.
 */
class SecretLeakSweepIT {

    @TempDir
    Path stateDir;

    private static void assertNotPrinted(List<Cli.Run> runs, List<String> secrets) {
        for (var run : runs) {
            for (var secret : secrets) {
                assertThat(run.all()).as("output of %s", run).doesNotContain(secret);
            }
        }
    }

    private void assertNotInTheStateDirectory(List<String> secrets) throws Exception {
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var text = Files.readString(file);
                for (var secret : secrets) {
                    assertThat(text).as("%s", file).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void givenEveryCommandVerbose_whenRun_thenNoSecretOutsideTokenAndSessionFile() throws Exception {
        try (var sandbox = SandboxServer.start()) {
            var runs = new ArrayList<Cli.Run>();
            var base = List.of("--verbose", "--base-url", sandbox.url(), "--state-dir", stateDir.toString());
            java.util.function.BiFunction<String, String[], Cli.Run> samco = (stdin, args) -> {
                var all = new ArrayList<>(base);
                all.addAll(List.of(args));
                var run = Cli.run(Map.of(), stdin, all.toArray(String[]::new));
                runs.add(run);
                return run;
            };

            samco.apply("", new String[] {"otp", "--uid", "DV99999"});
            var firstCode = sandbox.awaitOtp("DV99999", Duration.ofSeconds(10))
                    .orElseThrow()
                    .code();
            samco.apply(firstCode + "\n", new String[] {"login"});
            samco.apply("", new String[] {"--json", "otp", "--uid", "RM3XXXXX"});
            var secondCode = sandbox.awaitOtp("RM3XXXXX", Duration.ofSeconds(10))
                    .orElseThrow()
                    .code();
            samco.apply("", new String[] {"--json", "login", "--otp", secondCode});
            samco.apply(firstCode + "\n", new String[] {"login"}); // reused: rejected
            samco.apply("", new String[] {"session"});
            samco.apply("", new String[] {"--json", "session"});
            samco.apply("", new String[] {"token"}); // several accounts: refused
            var firstToken = Cli.run(
                    "--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "token", "--account", "DV99999");
            var secondToken = Cli.run(
                    "--base-url",
                    sandbox.url(),
                    "--state-dir",
                    stateDir.toString(),
                    "--json",
                    "token",
                    "--account",
                    "RM3XXXXX");
            assertThat(firstToken.exit()).isZero();
            var tokens = List.of(
                    firstToken.stdout().strip(),
                    secondToken.stdout().replaceAll(".*\"token\":\"([^\"]+)\".*\\s*", "$1"));
            assertThat(tokens).allMatch(t -> t.matches("[0-9a-f]{32}"));

            samco.apply("", new String[] {"logout", "--account", "DV99999"});
            samco.apply("", new String[] {"--json", "logout", "--account", "RM3XXXXX"});
            samco.apply("", new String[] {"logout"});
            samco.apply("", new String[] {"--json", "demo"});
            samco.apply("", new String[] {"demo"});

            var secrets = List.of(firstCode, secondCode, tokens.get(0), tokens.get(1));
            assertNotPrinted(runs, secrets);
            assertThat(runs.stream().anyMatch(r -> r.stderr().contains("webSecretCodeValidation")))
                    .as("the wire log was on")
                    .isTrue();
            assertNotInTheStateDirectory(secrets);
        }
    }

    @Test
    void givenTheApiKeyFlowsVerbose_whenRun_thenNoKeySecretTokenOrCodeWhereNotAskedFor() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        try (var sandbox = SandboxServer.start()) {
            var env = Map.of("SAMCO_API_KEY", app.apiKey(), "SAMCO_API_SECRET", app.apiSecret());
            var base = List.of("--verbose", "--base-url", sandbox.url(), "--state-dir", stateDir.toString());
            var runs = new ArrayList<Cli.Run>();
            java.util.function.Function<String[], Cli.Run> samco = args -> {
                var all = new ArrayList<>(base);
                all.addAll(List.of(args));
                var run = Cli.run(env, "", all.toArray(String[]::new));
                runs.add(run);
                return run;
            };
            assertThat(samco.apply(new String[] {"login", "--api-key"}).exit()).isZero();
            samco.apply(new String[] {"--json", "login", "--api-key"});
            samco.apply(new String[] {"--json", "whoami"});
            samco.apply(new String[] {"whoami"});
            samco.apply(new String[] {"refresh"});
            samco.apply(new String[] {"--json", "session"});
            var token = Cli.run("--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "token")
                    .stdout()
                    .strip();
            var minted = Cli.run(env, "", "--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "code");
            var code = minted.stdout().strip();
            assertThat(code).matches("[A-Z0-9]{8}");
            samco.apply(new String[] {"logout"});
            var secrets = List.of(app.apiKey(), app.apiSecret(), token, code);
            assertNotPrinted(runs, secrets);
            assertThat(runs.stream().anyMatch(r -> r.stderr().contains("session/token")))
                    .as("the wire log was on")
                    .isTrue();
            assertNotInTheStateDirectory(secrets);
        }
    }

    @Test
    void givenTheOAuthFlowVerbose_whenRun_thenNoCodeRefreshTokenOrAccessTokenPrinted() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var redirect = "http://127.0.0.1:" + port + "/callback";
        try (var sandbox = SandboxServer.builder()
                .apps(List.of(
                        new SandboxServer.ApiApp("sandbox-oauth-key", "sandbox-oauth-secret", "DV99999", redirect)))
                .start()) {
            var env = Map.of("SAMCO_API_KEY", "sandbox-oauth-key");
            var base = List.of("--verbose", "--base-url", sandbox.url(), "--state-dir", stateDir.toString());
            var command = new ArrayList<String>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Cli.JAR.toString()));
            command.addAll(base);
            command.addAll(List.of("login", "--oauth", "--no-browser", "--redirect-url", redirect));
            var builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            var process = builder.start();
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            var stderr = new StringBuilder();
            var browser = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                    .build();
            String code;
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String authorize = null;
                for (String line; authorize == null && (line = lines.readLine()) != null; ) {
                    stderr.append(line).append('\n');
                    if (line.startsWith("http") && line.contains("/app/oauth/authorize?")) {
                        authorize = line.strip();
                    }
                }
                assertThat(authorize).as(stderr.toString()).isNotNull();
                var page = browser.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(authorize))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                var nonce = java.util.regex.Pattern.compile("name=\"consent\" value=\"([^\"]+)\"")
                        .matcher(page.body());
                assertThat(nonce.find()).isTrue();
                var location = browser.send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(sandbox.url() + "/app/oauth/authorize"))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "consent=" + nonce.group(1) + "&decision=allow"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow();
                code = location.replaceAll(".*code=([^&]+).*", "$1");
                browser.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(location))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
                for (String line; (line = lines.readLine()) != null; ) {
                    stderr.append(line).append('\n');
                }
            }
            var runs = new ArrayList<Cli.Run>();
            runs.add(new Cli.Run(process.exitValue(), out.join(), stderr.toString()));
            assertThat(runs.get(0).exit()).as(runs.get(0).toString()).isZero();
            var file = stateDir.resolve("sessions/DV99999.json");
            var firstRefresh = Files.readString(file).replaceAll(".*\"refreshToken\":\"([^\"]+)\".*", "$1");
            var firstAccess = Cli.run("--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "token")
                    .stdout()
                    .strip();
            java.util.function.Function<String[], Cli.Run> samco = args -> {
                var all = new ArrayList<>(base);
                all.addAll(List.of(args));
                var run = Cli.run(env, "", all.toArray(String[]::new));
                runs.add(run);
                return run;
            };
            assertThat(samco.apply(new String[] {"refresh"}).exit()).isZero();
            var secondRefresh = Files.readString(file).replaceAll(".*\"refreshToken\":\"([^\"]+)\".*", "$1");
            var secondAccess = Cli.run("--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "token")
                    .stdout()
                    .strip();
            samco.apply(new String[] {"--json", "session"});
            samco.apply(new String[] {"logout"});
            assertThat(firstRefresh).startsWith("rt_").isNotEqualTo(secondRefresh);
            var secrets = List.of(code, firstRefresh, secondRefresh, firstAccess, secondAccess);
            assertNotPrinted(runs, secrets);
            assertNotInTheStateDirectory(secrets);
            assertThat(runs.stream().anyMatch(r -> r.stderr().contains("oauth/token")))
                    .as("the wire log was on")
                    .isTrue();
        }
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void givenRunningPlatform_whenAnotherProcessLogsIn_thenThePlatformSeesTheSession() throws Exception {
        try (var sandbox = SandboxServer.start();
                var platform = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(stateDir)
                        .build()
                        .get()) {
            assertThat(platform.current().getLeft().code()).isEqualTo("no-session");
            assertThat(Cli.run("--base-url", sandbox.url(), "otp", "--uid", "DV99999")
                            .exit())
                    .isZero();
            var code = sandbox.awaitOtp("DV99999", Duration.ofSeconds(10))
                    .orElseThrow()
                    .code();
            var login = Cli.run(
                    Map.of(), code + "\n", "--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "login");
            assertThat(login.exit()).isZero();
            var seen = platform.current();
            assertThat(seen.isRight()).as("%s", seen).isTrue();
            var token = Cli.run("--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "token")
                    .stdout()
                    .strip();
            assertThat(seen.get().token().value()).isEqualTo(token);
            assertThat(Cli.run("--base-url", sandbox.url(), "--state-dir", stateDir.toString(), "logout")
                            .exit())
                    .isZero();
            assertThat(platform.current().getLeft().code()).isEqualTo("no-session");
        }
    }
}
