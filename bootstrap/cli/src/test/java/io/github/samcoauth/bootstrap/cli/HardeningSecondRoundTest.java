package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second hardening round through the CLI in this JVM: credentials files checked on the handle,
 * sessions bound to the origin they were made at, Samco's static-IP refusal as its own error.
 */
class HardeningSecondRoundTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SandboxServer.ApiApp APP = SandboxServer.DEFAULT_APPS.get(0);
    private static final Map<String, String> CREDENTIALS =
            Map.of("SAMCO_API_KEY", APP.apiKey(), "SAMCO_API_SECRET", APP.apiSecret());

    @TempDir
    Path tmp;

    private Path stateDir;
    private SandboxServer sandbox;

    @BeforeEach
    void start() throws Exception {
        stateDir = tmp.resolve("state");
        sandbox = SandboxServer.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Cli.Run samco(SandboxServer at, Map<String, String> env, String... args) {
        var all = new ArrayList<String>(List.of("--base-url", at.url(), "--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        return Cli.inProcess(env, "", all.toArray(String[]::new));
    }

    private Path credentialsFile() throws Exception {
        var file = tmp.resolve("credentials.json");
        Files.writeString(file, "{\"apiKey\":\"" + APP.apiKey() + "\",\"apiSecret\":\"" + APP.apiSecret() + "\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private void assertRefused(Path given, String why) {
        var before = sandbox.requestCount();
        var run = samco(sandbox, Map.of(), "login", "--api-key", "--credentials", given.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("credentials file").contains(why);
        assertThat(run.all()).doesNotContain(APP.apiSecret());
        assertThat(sandbox.requestCount()).as("nothing was sent").isEqualTo(before);
    }

    @Test
    void givenACredentialsFileOfAnotherUser_whenLoggingIn_thenRefusedAndNothingSent() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "only root can give a file to another user: this test is skipped when not run as root");
        var file = credentialsFile();
        UserPrincipal nobody =
                file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);
        assertRefused(file, "owned by you");
    }

    @Test
    void givenACredentialsFileThatIsAFifoALinkOrHardLinked_whenLoggingIn_thenRefusedAtOnceAndNothingSent()
            throws Exception {
        var fifo = tmp.resolve("fifo.json");
        var made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(made.waitFor()).isZero();
        long started = System.nanoTime();
        assertRefused(fifo, "regular file");
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("never blocks on the FIFO")
                .isLessThan(5_000);

        var real = credentialsFile();
        var link = tmp.resolve("link.json");
        Files.createSymbolicLink(link, real);
        assertRefused(link, "symbolic link");

        var hard = tmp.resolve("hard.json");
        Files.createLink(hard, real);
        assertRefused(real, "one link");
        Files.delete(hard);

        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        assertRefused(real, "chmod 600");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("r--------"));
        var ok = samco(sandbox, Map.of(), "login", "--api-key", "--credentials", real.toString());
        assertThat(ok.exit()).as(ok.toString()).isZero();
    }

    @Test
    void givenASessionMadeAtOneSandbox_whenAnotherBaseUrlIsUsed_thenNoRequestCarriesItThereAndExit4NamesBoth()
            throws Exception {
        assertThat(samco(sandbox, CREDENTIALS, "login", "--api-key").exit()).isZero();
        var token = samco(sandbox, Map.of(), "token").stdout().strip();
        var shown = Cli.oneObject(JSON, samco(sandbox, Map.of(), "--json", "session"));
        assertThat(shown.path("sessions").get(0).path("origin").asText()).isEqualTo(sandbox.url());
        assertThat(samco(sandbox, Map.of(), "session").stdout()).contains("origin:      " + sandbox.url());

        try (var other = SandboxServer.start()) {
            for (var command : List.of("whoami", "code", "token", "logout", "refresh")) {
                var run = samco(other, CREDENTIALS, command, "--account", "DV99999");
                assertThat(run.exit()).as(command + ": " + run).isEqualTo(4);
                assertThat(run.stderr()).contains(sandbox.url()).contains(other.url());
                assertThat(run.all()).doesNotContain(token);
            }
            var unnamed = samco(other, Map.of(), "whoami");
            assertThat(unnamed.exit()).isEqualTo(4);
            var json = Cli.oneObject(JSON, samco(other, Map.of(), "--json", "whoami", "--account", "DV99999"));
            assertThat(json.path("error").path("code").asText()).isEqualTo("no-session");
            assertThat(other.requestCount())
                    .as("no request at all reached the other origin")
                    .isZero();
            var listed = Cli.oneObject(JSON, samco(other, Map.of(), "--json", "session"));
            assertThat(listed.path("sessions")).isEmpty();
        }
        assertThat(samco(sandbox, Map.of(), "whoami").exit())
                .as("still valid at its own origin")
                .isZero();
    }

    @Test
    void givenASessionFileWrittenBeforeOrigins_whenRead_thenItIsAdoptedForSamcosProductionApiOnly() throws Exception {
        assertThat(samco(sandbox, CREDENTIALS, "login", "--api-key").exit()).isZero();
        var file = stateDir.resolve("sessions").resolve("DV99999.json");
        assertThat(file).exists();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readAllBytes(file));
        assertThat(json.path("origin").asText()).isEqualTo(sandbox.url());
        json.remove("origin");
        Files.write(file, JSON.writeValueAsBytes(json));
        var here = samco(sandbox, Map.of(), "whoami", "--account", "DV99999");
        assertThat(here.exit()).isEqualTo(4);
        assertThat(here.stderr()).contains("https://tradeapi.samco.in").contains(sandbox.url());
        var unnamed = samco(sandbox, Map.of(), "whoami");
        assertThat(unnamed.exit()).isEqualTo(4);
        assertThat(unnamed.stderr()).contains("--base-url");
        var atProduction = Cli.oneObject(
                JSON,
                Cli.inProcess(
                        Map.of(), "", "--state-dir", stateDir.toString(), "--json", "session", "--account", "DV99999"));
        assertThat(atProduction.path("sessions").get(0).path("origin").asText()).isEqualTo("https://tradeapi.samco.in");
    }

    @Test
    void givenASandboxThatPlaysTheStaticIpRule_whenLoggingInFromAnotherAddress_thenIpNotRegisteredExit3AndAHint()
            throws Exception {
        try (var strict = SandboxServer.builder().registeredIp("203.0.113.7").start()) {
            var human = samco(strict, CREDENTIALS, "login", "--api-key");
            assertThat(human.exit()).isEqualTo(3);
            assertThat(human.stderr())
                    .contains("not the app's registered static IP")
                    .contains("samco whoami");
            var json = Cli.oneObject(JSON, samco(strict, CREDENTIALS, "--json", "login", "--api-key"));
            assertThat(json.path("error").path("code").asText()).isEqualTo("ip-not-registered");
            assertThat(json.path("error").path("httpStatus").asInt()).isEqualTo(403);
            assertThat(json.path("error").path("errorCode").asText()).isEqualTo("EOAUTH009");
            assertThat(strict.loginCount("DV99999")).isZero();
        }
    }
}
