package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's behaviour, run in this JVM through {@link SamcoCli#run} against the sandbox: exit codes,
 * accounts, environment. {@link CliEndToEndIT} runs the real jar for what a subprocess proves.
 */
class CliBehaviourTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FileAttribute<?> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    @TempDir
    Path stateDir;

    private SandboxServer sandbox;

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
        return Cli.inProcess(Map.of(), stdin, all.toArray(String[]::new));
    }

    private String code(String uid) throws InterruptedException {
        return sandbox.awaitOtp(uid, Duration.ofSeconds(10)).orElseThrow().code();
    }

    private static JsonNode oneObject(Cli.Run run) throws Exception {
        return Cli.oneObject(JSON, run);
    }

    @Test
    void givenEachFailure_whenRun_thenItsExitCode() throws Exception {
        assertThat(samco("", "otp", "--uid", "ZZ12345").exit())
                .as("unknown uid")
                .isEqualTo(3);

        int before = sandbox.requestCount();
        var invalid = samco("", "otp", "--uid", "DV-99");
        assertThat(invalid.exit()).as("invalid uid").isEqualTo(2);
        assertThat(invalid.stderr()).contains("uid is malformed");
        assertThat(samco("", "login", "--otp", "bad code!").exit())
                .as("invalid code")
                .isEqualTo(2);
        assertThat(samco("", "login").exit()).as("no code on stdin").isEqualTo(2);
        assertThat(sandbox.requestCount()).as("nothing was sent").isEqualTo(before);

        assertThat(samco("WRONG123\n", "login").exit()).as("wrong code").isEqualTo(3);
        assertThat(samco("", "token").exit()).as("no session").isEqualTo(4);
        assertThat(samco("", "logout").exit()).as("nothing to log out").isEqualTo(4);

        var port = new ServerSocket(0);
        int closed = port.getLocalPort();
        port.close();
        var unreachable = Cli.inProcess(
                "--base-url",
                "http://127.0.0.1:" + closed,
                "--state-dir",
                stateDir.toString(),
                "otp",
                "--uid",
                "DV99999");
        assertThat(unreachable.exit()).as("unreachable").isEqualTo(5);
        assertThat(unreachable.stderr()).contains("connection refused").doesNotContain("Exception");

        var plain = Cli.inProcess("--base-url", "http://tradeapi.samco.in", "otp", "--uid", "DV99999");
        assertThat(plain.exit()).as("plain http to a non-loopback host").isEqualTo(2);

        Files.writeString(stateDir.resolve("blocker"), "a file, not a directory");
        var otp = samco("", "otp", "--uid", "DV99999");
        assertThat(otp.exit()).isZero();
        var code = code("DV99999");
        int sent = sandbox.requestCount();
        var unwritable = Cli.inProcess(
                Map.of(),
                code + "\n",
                "--base-url",
                sandbox.url(),
                "--state-dir",
                stateDir.resolve("blocker/state").toString(),
                "login");
        assertThat(unwritable.exit()).as("state directory cannot be written").isEqualTo(7);
        assertThat(unwritable.stderr()).contains("blocker is a file, not a directory");
        assertThat(sandbox.requestCount()).as("the code was never sent").isEqualTo(sent);
        var broken =
                Cli.inProcess("--state-dir", stateDir.resolve("blocker/state").toString(), "session");
        assertThat(broken.exit())
                .as("a broken store is a storage failure, not 'no session'")
                .isEqualTo(7);
        assertThat(samco(code + "\n", "login").exit())
                .as("the same code still works once the state directory is right")
                .isZero();

        assertThat(Cli.inProcess("--bogus").exit()).as("unknown option").isEqualTo(2);
        assertThat(Cli.inProcess().exit()).as("no command").isEqualTo(2);
        assertThat(Cli.inProcess("--timeout", "0", "session").exit())
                .as("bad timeout")
                .isEqualTo(2);
    }

    @Test
    void givenTwoValidSessions_whenTokenOrLogoutWithoutAccount_thenExit2ListingAccounts() throws Exception {
        samco("", "otp", "--uid", "DV99999");
        assertThat(samco("", "login", "--otp", code("DV99999")).exit()).isZero();
        samco("", "otp", "--uid", "RM3XXXXX");
        assertThat(samco("", "login", "--otp", code("RM3XXXXX")).exit()).isZero();

        var token = samco("", "token");
        assertThat(token.exit()).isEqualTo(2);
        assertThat(token.stderr()).contains("DV99999, RM3XXXXX");
        assertThat(token.stdout()).isEmpty();
        var logout = oneObject(samco("", "--json", "logout"));
        assertThat(logout.path("error").path("accounts").toString()).isEqualTo("[\"DV99999\",\"RM3XXXXX\"]");
        assertThat(samco("", "token", "--account", "rm3xxxxx").exit()).isZero();
        assertThat(samco("", "logout", "--account", "RM3XXXXX").exit()).isZero();
        assertThat(samco("", "token").exit()).isZero();
        var session = samco("", "session", "--account", "RM3XXXXX");
        assertThat(session.exit()).isEqualTo(4);
    }

    @Test
    void givenEnvironment_whenOptionsAbsent_thenUsedAndOptionsWin() throws Exception {
        var env = Map.of("SAMCO_BASE_URL", sandbox.url(), "SAMCO_STATE_DIR", stateDir.toString());
        assertThat(Cli.inProcess(env, "", "otp", "--uid", "DV99999").exit()).isZero();
        assertThat(Cli.inProcess(env, code("DV99999") + "\n", "login").exit()).isZero();
        assertThat(Files.exists(stateDir.resolve("sessions/DV99999.json"))).isTrue();
        var elsewhere = stateDir.resolve("other");
        assertThat(Cli.inProcess(env, "", "--state-dir", elsewhere.toString(), "session")
                        .exit())
                .isEqualTo(4);
        assertThat(Cli.inProcess(env, "", "--base-url", "http://tradeapi.samco.in", "otp", "--uid", "DV99999")
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void givenExpiredSessionOnDisk_whenSessionListed_thenShownExpiredExit4AndPrunable() throws Exception {
        var sessions = Files.createDirectory(stateDir.resolve("sessions"), OWNER_ONLY_DIR);
        Files.writeString(
                Files.createFile(sessions.resolve("DV99999.json"), OWNER_ONLY_FILE),
                "{\"format\":1,\"accountId\":\"DV99999\",\"accountName\":\"OLD\",\"exchanges\":[\"NSE\"],"
                        + "\"orderTypes\":[],\"products\":[],\"sessionToken\":\"0123456789abcdef0123456789abcdef\","
                        + "\"issuedAt\":\"2025-01-13T04:40:40Z\",\"expiresAt\":\"2025-01-14T02:30:00Z\","
                        + "\"origin\":\"" + sandbox.url() + "\"}");
        var listed = samco("", "session");
        assertThat(listed.exit()).isEqualTo(4);
        assertThat(listed.stdout()).contains("DV99999  OLD  expired at 2025-01-14 08:00 IST");
        var json = oneObject(samco("", "--json", "session"));
        assertThat(json.path("sessions").get(0).path("valid").asBoolean()).isFalse();
        assertThat(samco("", "token").exit()).isEqualTo(4);

        var pruned = oneObject(samco("", "session", "--prune-expired", "--json"));
        assertThat(pruned.path("pruned").toString()).isEqualTo("[\"DV99999\"]");
        assertThat(pruned.path("sessions").size()).isZero();
        assertThat(Files.exists(sessions.resolve("DV99999.json"))).isFalse();
    }

    @Test
    void givenMistypedCommandLines_whenRun_thenTheUnknownWordNamedWithTheNearestAndNoSecretEchoed() {
        var option = Cli.inProcess("otp", "--user", "DV99999");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.stderr())
                .contains("samco otp: unknown option --user")
                .contains("see `samco otp --help`")
                .doesNotContain("Missing required option");
        var command = Cli.inProcess("logn");
        assertThat(command.exit()).isEqualTo(2);
        assertThat(command.stderr()).contains("samco: unknown command logn; did you mean login");
        var code = Cli.inProcess("login", "NUWL3586");
        assertThat(code.exit()).isEqualTo(2);
        assertThat(code.stderr())
                .contains("an unexpected argument (not shown here")
                .doesNotContain("NUWL3586");
        var valued = Cli.inProcess("login", "--otpp=NUWL3586");
        assertThat(valued.stderr()).contains("unknown option --otpp").doesNotContain("NUWL3586");
        var json = Cli.inProcess("--json", "logn");
        assertThat(json.stdout()).contains("\"code\":\"usage\"").contains("did you mean login");
        assertThat(Cli.inProcess("otp").stderr()).contains("samco otp: missing --uid UID");
    }

    @Test
    void givenACodeTypedCarelessly_whenLoggingIn_thenCaseForgivenAndASpaceNamed() throws Exception {
        samco("", "otp", "--uid", "DV99999");
        var code = code("DV99999");
        var spaced = samco(code.substring(0, 4) + " " + code.substring(4) + "\n", "login");
        assertThat(spaced.exit()).isEqualTo(2);
        assertThat(spaced.stderr()).contains("login code is malformed").contains("without the space it has");
        assertThat(samco(code.toLowerCase(java.util.Locale.ROOT) + "\n", "login")
                        .exit())
                .as("a lower-case code is the same code")
                .isZero();
        var again = samco(code + "\n", "login");
        assertThat(again.exit()).isEqualTo(3);
        var lines = again.stderr().lines().toList();
        assertThat(lines.get(0)).startsWith("samco: Samco rejected the request");
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).startsWith("hint: "));
    }

    @Test
    void givenASession_whenTokenAsHeader_thenOneHeaderLineForCurl() throws Exception {
        samco("", "otp", "--uid", "DV99999");
        assertThat(samco(code("DV99999") + "\n", "login").exit()).isZero();
        var token = samco("", "token").stdout().strip();
        assertThat(samco("", "token", "--header").stdout()).isEqualTo("x-session-token: " + token + "\n");
    }

    @Test
    void givenTextWithTerminalControls_whenMadeSafe_thenOnlyPrintableTextNewlinesAndTabsLeft() {
        assertThat(Output.safe("a\u001b[2Jb\u001b]0;title\u0007c\u009bd\u202Ee\u2067f\ng\th"))
                .isEqualTo("a[2Jb]0;titlecdef\ng\th");
    }

    @Test
    void givenSamcoSilentPastTheTimeout_whenLoggingInOrOut_thenTheMessagesTellTheTruth() throws Exception {
        try (var silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            var server = new Thread(() -> {
                var held = new ArrayList<java.net.Socket>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (java.io.IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            server.setDaemon(true);
            server.start();
            var url = "http://127.0.0.1:" + silent.getLocalPort();
            var login = Cli.inProcess(
                    Map.of(),
                    "",
                    "--base-url",
                    url,
                    "--state-dir",
                    stateDir.toString(),
                    "--timeout",
                    "1",
                    "login",
                    "--otp",
                    "NUWL3586");
            assertThat(login.exit()).isEqualTo(5);
            assertThat(login.stderr())
                    .contains("no answer within 1 s")
                    .contains("the code may have reached Samco and been used")
                    .doesNotContain("nothing was stored");

            samco("", "otp", "--uid", "DV99999");
            assertThat(samco(code("DV99999") + "\n", "login").exit()).isZero();
            // the session as if made at the silent server's origin: a session is only sent where it was made
            var file = stateDir.resolve("sessions/DV99999.json");
            Files.writeString(file, Files.readString(file).replace(sandbox.url(), url));
            var logout = Cli.inProcess(
                    Map.of(), "", "--base-url", url, "--state-dir", stateDir.toString(), "--timeout", "1", "logout");
            assertThat(logout.exit()).isEqualTo(5);
            assertThat(logout.stdout()).contains("Local session removed.");
            assertThat(logout.all()).doesNotContain("nothing was stored");
        }
    }

    private static final SandboxServer.ApiApp APP = SandboxServer.DEFAULT_APPS.get(0);
    private static final Map<String, String> CREDENTIALS =
            Map.of("SAMCO_API_KEY", APP.apiKey(), "SAMCO_API_SECRET", APP.apiSecret());

    private Cli.Run samcoWith(Map<String, String> env, String... args) {
        var all = new ArrayList<String>(List.of("--base-url", sandbox.url(), "--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        return Cli.inProcess(env, "", all.toArray(String[]::new));
    }

    @Test
    void givenDashboardCredentials_whenLoginWithApiKey_thenAnApiKeySessionAndOneLoginAtSamco() throws Exception {
        var login = Cli.oneObject(JSON, samcoWith(CREDENTIALS, "--json", "login", "--api-key"));
        assertThat(login.path("account").asText()).isEqualTo("DV99999");
        assertThat(login.path("method").asText()).isEqualTo("api-key");
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
        var listed = Cli.oneObject(JSON, samcoWith(Map.of(), "--json", "session"));
        assertThat(listed.path("sessions").get(0).path("method").asText()).isEqualTo("api-key");
        assertThat(samcoWith(Map.of(), "session").stdout()).contains("method:      api-key");
    }

    /**
     * The file journal read back: a login and a refusal of the account asked for, oldest first, in
     * both forms; a line planted with terminal controls printed harmless; nothing of the token.
     */
    @Test
    void givenAJournalWithALoginAndAPlantedLine_whenAuditRuns_thenTheEventsOldestFirstAndNothingUnsafe()
            throws Exception {
        var login = samcoWith(CREDENTIALS, "--json", "login", "--api-key");
        assertThat(login.exit()).as(login.stderr()).isZero();
        var token = samcoWith(Map.of(), "token").stdout().strip();
        Files.writeString(
                stateDir.resolve("audit.jsonl"),
                "{\"time\":\"2030-01-01T00:00:00Z\",\"event\":\"logout\",\"subject\":\"DV99999\","
                        + "\"outcome\":\"\\u001b]0;owned\\u0007\\u001b[2Jcleared\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        var json = Cli.oneObject(JSON, samcoWith(Map.of(), "--json", "audit", "--account", "DV99999"));
        assertThat(json.path("events").size()).isEqualTo(2);
        assertThat(json.path("events").get(0).path("event").asText()).isEqualTo("login-succeeded");
        assertThat(json.path("events").get(0).path("msgId").asText()).isNotEmpty();
        assertThat(json.path("events").get(1).path("event").asText()).isEqualTo("logout");
        var human = samcoWith(Map.of(), "audit");
        assertThat(human.exit()).isZero();
        assertThat(human.stdout().lines()).hasSize(2);
        assertThat(human.stdout()).contains("login-succeeded  DV99999  success").doesNotContain("\u001b");
        assertThat(human.stdout() + json).doesNotContain(token);
        assertThat(samcoWith(Map.of(), "audit", "--account", "AB12345").stderr())
                .contains("no events of AB12345");
        var tooMany = samcoWith(Map.of(), "audit", "--last", "10001");
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.stderr()).contains("1 to 10000");
    }

    @Test
    void givenNoOrBadCredentials_whenLoginWithApiKey_thenExit2NothingSentOrExit3WithSamcosCode() throws Exception {
        int before = sandbox.requestCount();
        var missing = samcoWith(Map.of(), "login", "--api-key");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("API key is required").contains("SAMCO_API_KEY");
        assertThat(sandbox.requestCount()).as("nothing was sent").isEqualTo(before);

        var wrong = Cli.oneObject(
                JSON,
                samcoWith(
                        Map.of("SAMCO_API_KEY", APP.apiKey(), "SAMCO_API_SECRET", "not-the-secret"),
                        "--json",
                        "login",
                        "--api-key"));
        assertThat(wrong.path("error").path("code").asText()).isEqualTo("rejected");
        assertThat(wrong.path("error").path("errorCode").asText()).isEqualTo("EOAUTH008");
        assertThat(wrong.path("error").path("httpStatus").asInt()).isEqualTo(401);
        var unknown = samcoWith(
                Map.of("SAMCO_API_KEY", "no-such-api-key", "SAMCO_API_SECRET", "whatever-secret"),
                "login",
                "--api-key");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.stderr()).contains("EOAUTH001").doesNotContain("no-such-api-key");
    }

    @Test
    void givenACredentialsFile_whenLoginWithApiKey_thenUsedOnlyWhenOwnerOnly() throws Exception {
        var file = stateDir.resolveSibling(stateDir.getFileName() + "-credentials.json");
        Files.writeString(file, "{\"apiKey\":\"" + APP.apiKey() + "\",\"apiSecret\":\"" + APP.apiSecret() + "\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        var open = samcoWith(Map.of(), "login", "--api-key", "--credentials", file.toString());
        assertThat(open.exit()).isEqualTo(2);
        assertThat(open.stderr()).contains("chmod 600 " + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(samcoWith(Map.of(), "login", "--api-key", "--credentials", file.toString())
                        .exit())
                .isZero();
        Files.delete(file);
    }

    @Test
    void givenSessionsOfEachKind_whenRefreshed_thenApiKeyRenewedAndLoginCodeExit4() throws Exception {
        assertThat(samcoWith(CREDENTIALS, "login", "--api-key").exit()).isZero();
        var before = samcoWith(Map.of(), "token").stdout();
        var renewed = Cli.oneObject(JSON, samcoWith(CREDENTIALS, "--json", "refresh"));
        assertThat(renewed.path("method").asText()).isEqualTo("api-key");
        assertThat(samcoWith(Map.of(), "token").stdout()).isNotEqualTo(before);
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(2);
        var noCredentials = samcoWith(Map.of(), "refresh");
        assertThat(noCredentials.exit()).isEqualTo(2);
        assertThat(noCredentials.stderr()).contains("SAMCO_API_KEY");

        samco("", "otp", "--uid", "RM3XXXXX");
        assertThat(samco(code("RM3XXXXX") + "\n", "login").exit()).isZero();
        var codeSession = Cli.oneObject(JSON, samcoWith(CREDENTIALS, "--json", "refresh", "--account", "RM3XXXXX"));
        assertThat(codeSession.path("error").path("code").asText()).isEqualTo("not-renewable");
        assertThat(codeSession.path("error").path("method").asText()).isEqualTo("login-code");
        assertThat(samcoWith(CREDENTIALS, "refresh", "--account", "RM3XXXXX").exit())
                .isEqualTo(4);
    }

    @Test
    void givenASession_whenCodeMintedForAnotherDevice_thenThatDeviceLogsInWithIt() throws Exception {
        assertThat(samcoWith(CREDENTIALS, "login", "--api-key").exit()).isZero();
        var minted = Cli.oneObject(JSON, samcoWith(Map.of(), "--json", "code"));
        assertThat(minted.path("account").asText()).isEqualTo("DV99999");
        assertThat(minted.path("expiresInSeconds").asLong()).isEqualTo(120);
        var code = minted.path("code").asText();
        var otherDevice = stateDir.resolve("other-device");
        var there = Cli.inProcess(
                Map.of(), code + "\n", "--base-url", sandbox.url(), "--state-dir", otherDevice.toString(), "login");
        assertThat(there.exit()).isZero();
        assertThat(samcoWith(Map.of(), "code").stdout()).matches("[A-Z0-9]{8}\n");
    }

    @Test
    void givenASession_whenWhoAmI_thenTheIpSamcoSeesAndWhetherItIsRegistered() throws Exception {
        assertThat(samcoWith(Map.of(), "whoami").exit()).as("no session").isEqualTo(4);
        assertThat(samcoWith(CREDENTIALS, "login", "--api-key").exit()).isZero();
        var who = Cli.oneObject(JSON, samcoWith(Map.of(), "--json", "whoami"));
        assertThat(who.path("account").asText()).isEqualTo("DV99999");
        assertThat(who.path("srcIp").asText()).isEqualTo("127.0.0.1");
        assertThat(who.path("matches").asBoolean()).isTrue();
        assertThat(who.path("matchedAs").asText()).isEqualTo("PRIMARY");
        assertThat(who.has("secondaryIp")).isTrue();
        assertThat(samcoWith(Map.of(), "whoami").stdout()).contains("Samco sees 127.0.0.1 for DV99999");
        sandbox.revokeAll();
        var revoked = samcoWith(Map.of(), "whoami");
        assertThat(revoked.exit()).isEqualTo(3);
        assertThat(revoked.stderr()).contains("invalid or expired");
    }
}
