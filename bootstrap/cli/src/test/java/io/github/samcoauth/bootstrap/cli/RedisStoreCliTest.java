package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.adapter.persistence.redis.ClusterTopology;
import io.github.samcoauth.adapter.persistence.redis.RedisServerProcess;
import io.github.samcoauth.adapter.persistence.redis.SentinelTopology;
import io.github.samcoauth.adapter.persistence.redis.TestCertificates;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a Redis store (a real Redis process), and the store option's mistakes. */
class RedisStoreCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedisProcess redis;
    private static SandboxServer sandbox;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        redis = new RedisProcess();
        sandbox = SandboxServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
        redis.close();
    }

    private Map<String, String> env(String key) {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var env = new HashMap<String, String>();
        env.put("SAMCO_BASE_URL", sandbox.url());
        env.put("SAMCO_STATE_DIR", tmp.toString());
        env.put("SAMCO_STORE", redis.url());
        env.put("SAMCO_API_KEY", app.apiKey());
        env.put("SAMCO_API_SECRET", app.apiSecret());
        if (key != null) {
            env.put("SAMCO_STORE_KEY", key);
        }
        return env;
    }

    @Test
    void givenARedisStore_whenTheCommandsRun_thenEachWorksOnTheSharedSession() throws Exception {
        var key = Cli.inProcess("keygen").stdout().strip();
        assertThat(java.util.Base64.getDecoder().decode(key)).hasSize(32);
        var env = env(key);
        var login = Cli.inProcess(env, "", "--json", "login", "--api-key");
        assertThat(login.exit()).as(login.stderr()).isZero();
        var sessions = Cli.oneObject(JSON, Cli.inProcess(env, "", "--json", "session"));
        assertThat(sessions.path("sessions").get(0).path("account").asText()).isEqualTo("DV99999");
        assertThat(sessions.path("sessions").get(0).path("method").asText()).isEqualTo("api-key");
        var token = Cli.inProcess(env, "", "token");
        assertThat(token.stdout().strip())
                .isEqualTo(sandbox.latestToken("DV99999").orElseThrow());
        var otherHost = new HashMap<>(env);
        otherHost.put("SAMCO_STATE_DIR", tmp.resolve("other-host").toString());
        assertThat(Cli.inProcess(otherHost, "", "token").stdout()).isEqualTo(token.stdout());
        var wrongKey = new HashMap<>(env);
        wrongKey.put("SAMCO_STORE_KEY", Cli.inProcess("keygen").stdout().strip());
        var refused = Cli.inProcess(wrongKey, "", "token");
        assertThat(refused.exit()).isEqualTo(7);
        assertThat(refused.stderr()).contains("key not given here").doesNotContain(key);
        var logout = Cli.oneObject(JSON, Cli.inProcess(env, "", "--json", "logout"));
        assertThat(logout.path("remote").asText()).isEqualTo("logged-out");
        assertThat(Cli.inProcess(env, "", "session").exit()).isEqualTo(4);
        // the journal is the fleet's: read from the other host, nothing in either state directory
        var audit = Cli.oneObject(JSON, Cli.inProcess(otherHost, "", "--json", "audit", "--account", "DV99999"));
        var events = new java.util.ArrayList<String>();
        audit.path("events").forEach(event -> events.add(event.path("event").asText()));
        assertThat(events).containsSubsequence("login-succeeded", "logout");
        assertThat(audit.path("events").get(0).path("subject").asText()).isEqualTo("DV99999");
        assertThat(audit.toString()).doesNotContain(token.stdout().strip());
        assertThat(tmp.resolve("audit.jsonl")).doesNotExist();
        var human = Cli.inProcess(otherHost, "", "audit", "--last", "1");
        assertThat(human.exit()).as(human.stderr()).isZero();
        assertThat(human.stdout().strip().lines()).hasSize(1);
        assertThat(human.stdout()).contains("logout").contains("DV99999").contains("IST");
        assertThat(Cli.inProcess(otherHost, "", "audit", "--last", "0").exit()).isEqualTo(2);
    }

    @Test
    void givenNoKeyOrABadStore_whenRun_thenATypedErrorAndNothingSent() {
        int before = sandbox.requestCount();
        var noKey = Cli.inProcess(env(null), "", "login", "--api-key");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.stderr()).contains("store key");
        var nonsense = Cli.inProcess(env("x"), "", "--store", "ftp://somewhere", "session");
        assertThat(nonsense.exit()).isEqualTo(2);
        assertThat(nonsense.stderr()).contains("file:DIR");
        var down = Cli.inProcess(
                env(Cli.inProcess("keygen").stdout().strip()), "", "--store", "redis://127.0.0.1:1", "session");
        assertThat(down.exit()).isEqualTo(7);
        assertThat(down.stderr()).contains("Redis could not");
        assertThat(sandbox.requestCount()).isEqualTo(before);
        var plain = Cli.inProcess(env(null), "", "--store-plain-text", "session");
        assertThat(plain.exit()).as(plain.stderr()).isEqualTo(4);
    }

    @Test
    void givenAFileStoreUrl_whenRun_thenItIsTheStateDirectory() {
        var env = env(null);
        env.remove("SAMCO_STORE");
        var dir = tmp.resolve("files");
        var login = Cli.inProcess(env, "", "--store", "file:" + dir, "login", "--api-key");
        assertThat(login.exit()).as(login.stderr()).isZero();
        assertThat(dir.resolve("sessions/DV99999.json")).exists();
    }

    @Test
    void givenARedisThatNeedsAPassword_whenItComesFromTheEnvironmentOrAFile_thenNotFromArgvAndAWrongOneIsSaidToBeWrong()
            throws Exception {
        try (var guarded = new RedisProcess(List.of("--requirepass", "guarded-password-0001"))) {
            var env = env(Cli.inProcess("keygen").stdout().strip());
            env.put("SAMCO_STORE", guarded.url());
            var without = Cli.inProcess(env, "", "session");
            assertThat(without.exit()).isEqualTo(7);
            assertThat(without.stderr()).contains("authentication failed").contains(guarded.url());
            env.put("SAMCO_STORE_PASSWORD", "not-the-password");
            var wrong = Cli.inProcess(env, "", "session");
            assertThat(wrong.exit()).isEqualTo(7);
            assertThat(wrong.stderr())
                    .contains("authentication failed")
                    .contains("SAMCO_STORE_PASSWORD")
                    .doesNotContain("not-the-password")
                    .doesNotContain("Unable to connect");
            env.put("SAMCO_STORE_PASSWORD", "guarded-password-0001");
            var login = Cli.inProcess(env, "", "login", "--api-key");
            assertThat(login.exit()).as(login.stderr()).isZero();
            env.remove("SAMCO_STORE_PASSWORD");
            var file = tmp.resolve("redis-password");
            Files.writeString(file, "guarded-password-0001\n");
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            var open = Cli.inProcess(env, "", "--store-password-file", file.toString(), "session");
            assertThat(open.exit()).isEqualTo(2);
            assertThat(open.stderr()).contains("chmod 600");
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            var fromFile = Cli.inProcess(env, "", "--json", "--store-password-file", file.toString(), "session");
            assertThat(fromFile.exit()).as(fromFile.stderr()).isZero();
            assertThat(fromFile.all()).doesNotContain("guarded-password-0001");
        }
        assertThat(Cli.inProcess("--help").stdout())
                .contains("shows in `ps`")
                .contains("SAMCO_STORE_PASSWORD")
                .contains("--store-password-file");
    }

    @Test
    void givenAMutualTlsRedis_whenItsCaAndAClientCertificateAreGiven_thenTheCommandsWorkAndEachMissingPieceIsNamed()
            throws Exception {
        var certificates = TestCertificates.makeIn(tmp);
        try (var tls = RedisServerProcess.start(
                tmp,
                true,
                List.of(
                        "--tls-cert-file", certificates.certificate("server").toString(),
                        "--tls-key-file", certificates.key("server").toString(),
                        "--tls-ca-cert-file", certificates.ca().toString(),
                        "--tls-auth-clients", "yes"))) {
            var env = env(Cli.inProcess("keygen").stdout().strip());
            env.put("SAMCO_STORE", "rediss://localhost:" + tls.port());
            var ca = certificates.ca().toString();
            var cert = certificates.certificate("client").toString();
            var key = certificates.key("client").toString();
            var untrusted = Cli.inProcess(env, "", "session");
            assertThat(untrusted.exit()).isEqualTo(7);
            assertThat(untrusted.stderr())
                    .contains("not signed by a CA trusted here")
                    .contains("--store-ca");
            var anonymous = Cli.inProcess(env, "", "--store-ca", ca, "session");
            assertThat(anonymous.exit()).isEqualTo(7);
            assertThat(anonymous.stderr())
                    .contains("asks for a client certificate")
                    .contains("--store-cert");
            var halfGiven = Cli.inProcess(env, "", "--store-ca", ca, "--store-cert", cert, "session");
            assertThat(halfGiven.exit()).isEqualTo(2);
            assertThat(halfGiven.stderr()).contains("Redis client certificate");
            var login = Cli.inProcess(
                    env, "", "--store-ca", ca, "--store-cert", cert, "--store-cert-key", key, "login", "--api-key");
            assertThat(login.exit()).as(login.stderr()).isZero();
            env.put("SAMCO_STORE_CA", ca);
            env.put("SAMCO_STORE_CERT", cert);
            env.put("SAMCO_STORE_CERT_KEY", key);
            var fromEnvironment = Cli.inProcess(env, "", "token");
            assertThat(fromEnvironment.exit()).as(fromEnvironment.stderr()).isZero();
            assertThat(fromEnvironment.stdout().strip())
                    .isEqualTo(sandbox.latestToken("DV99999").orElseThrow());
        }
        assertThat(Cli.inProcess("--help").stdout())
                .contains("--store-ca")
                .contains("--store-cert-key")
                .contains("SAMCO_STORE_CERT_KEY");
    }

    @Test
    void givenASentinelDeployment_whenTheCommandsRunOnItsUrl_thenTheyWorkThroughAFailover() throws Exception {
        try (var sentinel = new SentinelTopology(tmp, false, null, List.of())) {
            var env = env(Cli.inProcess("keygen").stdout().strip());
            env.put("SAMCO_STORE", sentinel.url(""));
            var login = Cli.inProcess(env, "", "login", "--api-key");
            assertThat(login.exit()).as(login.stderr()).isZero();
            var token = sandbox.latestToken("DV99999").orElseThrow();
            var session = Cli.oneObject(JSON, Cli.inProcess(env, "", "--json", "session"));
            assertThat(session.path("sessions").get(0).path("account").asText()).isEqualTo("DV99999");
            int primary = sentinel.primaryPort();
            sentinel.failover();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (sentinel.primaryPort() == primary && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sentinel.primaryPort()).as(sentinel.logs()).isNotEqualTo(primary);
            var after = Cli.inProcess(env, "", "token");
            assertThat(after.exit()).as(after.stderr()).isZero();
            assertThat(after.stdout().strip())
                    .as("the session, replicated to the new primary")
                    .isEqualTo(token);
            var nameless = Cli.inProcess(env, "", "--store", "redis-sentinel://127.0.0.1:1", "session");
            assertThat(nameless.exit()).isEqualTo(2);
            assertThat(nameless.stderr()).contains("#primary");
        }
    }

    @Test
    void givenAClusterDeployment_whenTheCommandsRunOnItsUrl_thenTheyWorkThroughASlotMovedAndAFailover()
            throws Exception {
        try (var cluster = new ClusterTopology(tmp, false, null, List.of())) {
            var env = env(Cli.inProcess("keygen").stdout().strip());
            env.put("SAMCO_STORE", cluster.url(""));
            var login = Cli.inProcess(env, "", "login", "--api-key");
            assertThat(login.exit()).as(login.stderr()).isZero();
            var token = sandbox.latestToken("DV99999").orElseThrow();
            var session = Cli.oneObject(JSON, Cli.inProcess(env, "", "--json", "session"));
            assertThat(session.path("sessions").get(0).path("account").asText()).isEqualTo("DV99999");
            var key = "samco-auth:{DV99999}:session";
            int primary = cluster.primaryOf(key);
            cluster.migrateSlotOf(key, primary, cluster.otherPrimary(primary));
            var moved = Cli.inProcess(env, "", "token");
            assertThat(moved.exit()).as(moved.stderr()).isZero();
            assertThat(moved.stdout().strip())
                    .as("the session, moved with its slot")
                    .isEqualTo(token);
            int now = cluster.primaryOf(key);
            int replica = cluster.replicaOf(now);
            cluster.failover(now);
            cluster.awaitPrimary(replica, java.time.Duration.ofSeconds(20));
            var after = Cli.inProcess(env, "", "token");
            assertThat(after.exit()).as(after.stderr()).isZero();
            assertThat(after.stdout().strip())
                    .as("the session, replicated to the new primary")
                    .isEqualTo(token);
            var wrong = Cli.inProcess(env, "", "--store", "redis-cluster://127.0.0.1:1/3", "session");
            assertThat(wrong.exit()).isEqualTo(2);
            assertThat(wrong.stderr()).contains("redis-cluster://");
        }
    }

    @Test
    void givenAStoreThatFails_whenReported_thenTheHintPointsAtRedisNotTheStateDirectory() {
        var env = env(Cli.inProcess("keygen").stdout().strip());
        var down = Cli.inProcess(env, "", "--store", "redis://127.0.0.1:1", "session");
        assertThat(down.exit()).isEqualTo(7);
        assertThat(down.stderr())
                .contains("redis://127.0.0.1:1")
                .contains("Redis store")
                .doesNotContain("state directory");
    }
}
