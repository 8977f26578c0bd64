package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar in a subprocess against the sandbox: the CLI contract, exit code by exit code. */
class CliEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private SandboxServer sandbox;
    private final List<Cli.Run> everything = new ArrayList<>();

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = SandboxServer.start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private Cli.Run samco(String stdin, String... args) {
        var all = new ArrayList<String>(List.of("--base-url", sandbox.url(), "--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        var run = Cli.run(Map.of(), stdin, all.toArray(String[]::new));
        everything.add(run);
        return run;
    }

    private String code(String uid) throws InterruptedException {
        return sandbox.awaitOtp(uid, Duration.ofSeconds(10)).orElseThrow().code();
    }

    private static JsonNode oneObject(Cli.Run run) throws Exception {
        return Cli.oneObject(JSON, run);
    }

    @Test
    void givenSandbox_whenWholeFlow_thenEachStepAsDocumented() throws Exception {
        var otp = samco("", "otp", "--uid", "DV99999");
        assertThat(otp.exit()).as(otp.toString()).isZero();
        assertThat(otp.stdout()).contains("OTP sent to your mobile and email.").contains("msgId: ");
        assertThat(otp.stderr()).contains("deprecated");

        var code = code("DV99999");
        var login = samco(code + "\n", "login");
        assertThat(login.exit()).as(login.toString()).isZero();
        assertThat(login.stdout()).contains("Logged in.", "DV99999", "DEMO TRADER", "NSE", "CNC");

        var session = samco("", "session");
        assertThat(session.exit()).isZero();
        assertThat(session.stdout()).contains("DV99999", "valid until", "exchanges:", "products:");

        var token = samco("", "token");
        assertThat(token.exit()).isZero();
        assertThat(token.stdout()).matches("[0-9a-f]{32}\n");
        assertThat(token.stderr()).isEmpty();
        var secret = token.stdout().strip();

        var logout = samco("", "logout");
        assertThat(logout.exit()).as(logout.toString()).isZero();
        assertThat(logout.stdout()).contains("Logged out DV99999 at Samco.", "Local session removed.");
        assertThat(sandbox.liveSessions()).isZero();

        var after = samco("", "session");
        assertThat(after.exit()).isEqualTo(4);
        assertThat(after.stderr()).contains("No valid session", "samco login");

        var reused = samco(code + "\n", "login");
        assertThat(reused.exit()).isEqualTo(3);

        for (var run : everything) {
            if (run != token) {
                assertThat(run.all())
                        .as("no secret in %s", run)
                        .doesNotContain(secret)
                        .doesNotContain(code);
            }
        }
        assertThat(Files.readString(stateDir.resolve("audit.jsonl")))
                .doesNotContain(secret)
                .doesNotContain(code);
    }

    @Test
    void givenEveryCommand_whenJson_thenExactlyOneObjectEach() throws Exception {
        var otp = oneObject(samco("", "--json", "otp", "--uid", "DV99999"));
        assertThat(otp.path("msgId").asText()).isNotBlank();
        assertThat(otp.path("deprecated").asBoolean()).isTrue();
        var login = oneObject(samco(code("DV99999") + "\n", "login", "--json"));
        assertThat(login.path("account").asText()).isEqualTo("DV99999");
        var session = oneObject(samco("", "session", "--json"));
        var first = session.path("sessions").get(0);
        assertThat(first.path("exchanges").toString()).isEqualTo("[\"BFO\",\"BSE\",\"CDS\",\"MCX\",\"NSE\",\"NFO\"]");
        assertThat(first.path("orderTypes").toString()).isEqualTo("[\"MKT\",\"L\",\"SL\",\"SL-M\"]");
        assertThat(first.path("products").toString()).isEqualTo("[\"MIS\",\"CNC\",\"NRML\",\"CO\",\"BO\"]");
        assertThat(first.path("valid").asBoolean()).isTrue();
        assertThat(first.has("token")).isFalse();
        var token = oneObject(samco("", "--json", "token"));
        assertThat(token.path("token").asText()).matches("[0-9a-f]{32}");
        var logout = oneObject(samco("", "--json", "logout"));
        assertThat(logout.path("remote").asText()).isEqualTo("logged-out");
        assertThat(logout.path("local").asText()).isEqualTo("removed");
        var none = oneObject(samco("", "--json", "session"));
        assertThat(none.path("error").path("code").asText()).isEqualTo("no-session");
        var rejected = oneObject(samco("", "--json", "otp", "--uid", "ZZ12345"));
        assertThat(rejected.path("error").path("code").asText()).isEqualTo("rejected");
        assertThat(rejected.path("error").path("msgId").asText()).isNotBlank();
        var usage = oneObject(samco("", "--json", "otp"));
        assertThat(usage.path("error").path("code").asText()).isEqualTo("usage");
        var demo = oneObject(Cli.run("--json", "demo"));
        assertThat(demo.path("ok").asBoolean()).isTrue();
    }

    @Test
    void givenVerbose_whenLoggingIn_thenWireLogShownWithSecretsMasked() throws Exception {
        samco("", "otp", "--uid", "DV99999");
        var code = code("DV99999");
        var login = samco(code + "\n", "--verbose", "login");
        assertThat(login.exit()).isZero();
        assertThat(login.stderr())
                .contains("webSecretCodeValidation")
                .contains("***")
                .doesNotContain(code);
        var token = samco("", "token").stdout().strip();
        assertThat(login.all()).doesNotContain(token);
    }

    @Test
    void givenSandboxCommand_whenOtpRequested_thenItPrintsUrlAndTheCode() throws Exception {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Cli.JAR.toString(),
                "sandbox",
                "--json");
        var process = new ProcessBuilder(command).start();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            var started = JSON.readTree(lines.readLine());
            var url = started.path("url").asText();
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(Cli.run("--base-url", url, "otp", "--uid", "RM3XXXXX").exit())
                    .isZero();
            var delivered = JSON.readTree(lines.readLine());
            assertThat(delivered.path("uid").asText()).isEqualTo("RM3XXXXX");
            var code = delivered.path("code").asText();
            var login = Cli.run("--base-url", url, "--state-dir", stateDir.toString(), "login", "--otp", code);
            assertThat(login.exit()).isZero();
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void givenHelpAndVersion_whenAsked_thenExit0() {
        var help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout())
                .contains("otp", "login", "session", "token", "logout", "sandbox", "demo", "SAMCO_STATE_DIR");
        assertThat(Cli.run("--version").stdout()).startsWith("samco ");
        assertThat(Cli.run("login", "--help").stdout()).contains("--otp");
    }

    @Test
    void givenDemo_whenRun_thenEveryStepAsDocumentedAndNoSecretShown() {
        var demo = Cli.run("demo");
        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).contains("Demo complete").contains("→ exit 3").contains("→ exit 4");
        assertThat(demo.stdout()).doesNotContainPattern("[0-9a-f]{32}");
    }

    /** Runs the jar against a server that accepts and never answers, and sends it Ctrl-C once it waits. */
    private static Cli.Run interruptedLogin(Path stateDir, String... extra) throws Exception {
        try (var silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var accepted = new java.util.concurrent.CountDownLatch(1);
            var server = new Thread(() -> {
                try (var socket = silent.accept()) {
                    accepted.countDown();
                    Thread.sleep(60_000);
                } catch (Exception ignored) {
                    // the client went away
                }
            });
            server.setDaemon(true);
            server.start();
            var command = new ArrayList<String>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    Cli.JAR.toString(),
                    "--base-url",
                    "http://127.0.0.1:" + silent.getLocalPort(),
                    "--state-dir",
                    stateDir.toString()));
            command.addAll(List.of(extra));
            command.addAll(List.of("login", "--otp", "NUWL3586"));
            var process = new ProcessBuilder(command).start();
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            assertThat(accepted.await(20, TimeUnit.SECONDS))
                    .as("the login reached the server")
                    .isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .start()
                    .waitFor();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            return new Cli.Run(process.exitValue(), out.join(), err.join());
        }
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void givenALoginInFlight_whenCtrlC_thenExit130AndToldTheCodeMayBeSpent() throws Exception {
        var human = interruptedLogin(stateDir);
        assertThat(human.exit()).isEqualTo(130);
        assertThat(human.stderr())
                .contains("samco: interrupted; the login code may have reached Samco")
                .doesNotContain("NUWL3586");
        var json = interruptedLogin(stateDir, "--json");
        assertThat(json.exit()).isEqualTo(130);
        var object = oneObject(json);
        assertThat(object.path("error").path("code").asText()).isEqualTo("interrupted");
        assertThat(object.path("error").path("message").asText()).contains("may have reached Samco");
    }

    @Test
    void givenAJournalThatCannotBeWritten_whenOtpRequested_thenItWorksAndTheWarningIsOnStderr() throws Exception {
        assertThat(samco("", "otp", "--uid", "DV99999").exit()).isZero();
        code("DV99999");
        var journal = stateDir.resolve("audit.jsonl");
        Files.delete(journal);
        Files.createSymbolicLink(journal, stateDir.resolve("elsewhere.txt"));
        var otp = samco("", "otp", "--uid", "DV99999");
        assertThat(otp.exit()).isZero();
        assertThat(otp.stderr())
                .contains("The audit journal was not written (otp-requested)")
                .contains("symbolic link");
        assertThat(Files.exists(stateDir.resolve("elsewhere.txt"))).isFalse();
    }
}
