package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store on a real TLS Redis (Debian's redis-server) that asks for client certificates, through
 * the least-privilege ACL user README documents: everything works with the platform's CA and a
 * client certificate, each permission of that user is needed, and each TLS failure is said as what
 * it is — never a stack trace, never the password.
 */
class RedisTlsTest {

    /** README's least-privilege ACL user: its commands, one by one. */
    static final List<String> ACL_COMMANDS = List.of(
            "get",
            "set",
            "del",
            "incr",
            "exists",
            "strlen",
            "pexpire",
            "publish",
            "scan",
            "eval",
            "evalsha",
            "subscribe",
            "ping",
            "xadd",
            "xrevrange");

    /** What the same user needs besides on a Redis Cluster: sharded pub/sub and the slot map. */
    static final List<String> CLUSTER_ACL_COMMANDS = List.of("spublish", "ssubscribe", "cluster|nodes");

    /**
     * What Lettuce asks a cluster's nodes besides while it reads the slot map, and does without:
     * granted, they keep the nodes' {@code ACL LOG} free of its refusals.
     */
    static final List<String> CLUSTER_ACL_QUIETING = List.of("cluster|myid", "client|setname", "info");

    private static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    private static final String PASSWORD = "desk-tls-password-0123";
    private static final AccountId DV = new AccountId("DV99999");

    private static Path dir;
    private static TestCertificates certificates;
    private static RedisServerProcess mutual;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;

    private final List<RedisSessionStoreAdapter> made = new ArrayList<>();
    private final List<RedisServerProcess> servers = new ArrayList<>();
    private final String prefix = "tls-" + UUID.randomUUID();

    @BeforeAll
    static void startServer() throws Exception {
        RedisServerProcess.requireInstalled();
        dir = Files.createTempDirectory("samco-redis-tls");
        certificates = TestCertificates.makeIn(dir);
        mutual = tlsServer("server", "yes");
        adminClient = RedisClient.create(RedisURI.create("rediss://127.0.0.1:" + mutual.port()));
        adminClient.setOptions(certificates.clientOptions());
        admin = adminClient.connect();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (admin != null) {
            admin.close();
            adminClient.shutdown();
        }
        if (mutual != null) {
            mutual.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void closeStores() {
        made.forEach(RedisSessionStoreAdapter::close);
        servers.forEach(RedisServerProcess::close);
    }

    private static RedisServerProcess tlsServer(String certificate, String authClients) throws Exception {
        return RedisServerProcess.start(dir, true, certificates.serverSettings(certificate, authClients));
    }

    /** README's user, for this test's prefix, without {@code leftOut}. */
    private void aclUser(String user, String leftOut) {
        var rules = new ArrayList<>(List.of("reset", "on", ">" + PASSWORD, "~" + prefix + ":*", "&" + prefix + ":*"));
        ACL_COMMANDS.stream().filter(c -> !c.equals(leftOut)).forEach(c -> rules.add("+" + c));
        admin.sync()
                .dispatch(
                        io.lettuce.core.protocol.CommandType.ACL,
                        new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                        new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                                .add("SETUSER")
                                .add(user)
                                .addValues(rules));
    }

    private RedisSessionStoreAdapter.Builder tls(String url) {
        return RedisSessionStoreAdapter.builder()
                .uri(url)
                .password(PASSWORD)
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .timeout(Duration.ofSeconds(2))
                .lockTtl(Duration.ofMillis(300))
                .trustedCertificates(certificates.ca())
                .clientCertificate(certificates.certificate("client"), certificates.key("client"));
    }

    private RedisSessionStoreAdapter store(RedisSessionStoreAdapter.Builder builder) {
        var store = builder.build().get();
        made.add(store);
        return store;
    }

    @Test
    void givenMutualTlsAndReadmesLeastAclUser_whenEveryOperationRuns_thenEachWorks() throws Exception {
        aclUser("desk", "");
        var url = "rediss://desk@localhost:" + mutual.port();
        assertThat(StoreWorkload.firstFailure(store(tls(url)), store(tls(url)))).isEqualTo(Option.none());
        assertThat(store(tls("rediss://desk@127.0.0.1:" + mutual.port())).checkWritable())
                .as("the address is named by the certificate too")
                .isEqualTo(Either.right(true));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "get",
                "set",
                "del",
                "incr",
                "exists",
                "strlen",
                "pexpire",
                "publish",
                "scan",
                "eval",
                "evalsha",
                "subscribe",
                "ping",
                "xadd",
                "xrevrange"
            })
    void givenReadmesAclUserWithoutOnePermission_whenEveryOperationRuns_thenOneFails(String leftOut) throws Exception {
        var user = "without-" + leftOut;
        aclUser(user, leftOut);
        admin.sync().scriptFlush();
        var url = "rediss://" + user + "@localhost:" + mutual.port();
        var failed = StoreWorkload.firstFailure(store(tls(url)), store(tls(url)));
        assertThat(failed).as("without +" + leftOut).isNotEmpty();
        System.out.println("without +" + leftOut + " -> " + failed.get());
    }

    private String failureOf(RedisSessionStoreAdapter.Builder builder) {
        var store = store(builder);
        var read = store.find(DV);
        assertThat(read.isLeft()).as("refused").isTrue();
        assertThat(read.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        var message = read.getLeft().message();
        assertThat(message).doesNotContain(PASSWORD).doesNotContain("\tat ").doesNotContain("Exception");
        System.out.println(message);
        return message;
    }

    @Test
    void givenNoCaForTheServersCertificate_whenConnecting_thenSaidToBeAnUnknownCa() throws Exception {
        aclUser("desk", "");
        var message = failureOf(RedisSessionStoreAdapter.builder()
                .uri("rediss://desk@localhost:" + mutual.port())
                .password(PASSWORD)
                .encryptionKeys(KEY)
                .clientCertificate(certificates.certificate("client"), certificates.key("client")));
        assertThat(message).contains("not signed by a CA trusted here");
    }

    @Test
    void givenAServerCertificateOfAnotherHost_whenConnecting_thenSaidToNameAnotherHost() throws Exception {
        var elsewhere = tlsServer("elsewhere", "no");
        servers.add(elsewhere);
        assertThat(failureOf(tls("rediss://localhost:" + elsewhere.port()))).contains("does not name localhost");
    }

    @Test
    void givenAnExpiredServerCertificate_whenConnecting_thenSaidToHaveExpired() throws Exception {
        var expired = tlsServer("expired", "no");
        servers.add(expired);
        assertThat(failureOf(tls("rediss://localhost:" + expired.port()))).contains("expired");
    }

    @Test
    void givenAServerThatAsksForAClientCertificate_whenNoneIsGiven_thenSaidSo() throws Exception {
        aclUser("desk", "");
        var message = failureOf(RedisSessionStoreAdapter.builder()
                .uri("rediss://desk@localhost:" + mutual.port())
                .password(PASSWORD)
                .encryptionKeys(KEY)
                .trustedCertificates(certificates.ca()));
        assertThat(message).contains("client certificate");
    }

    @Test
    void givenAClientCertificateOfACaTheServerDoesNotTrust_whenConnecting_thenSaidToBeRefused() throws Exception {
        aclUser("desk", "");
        var message = failureOf(tls("rediss://desk@localhost:" + mutual.port())
                .clientCertificate(certificates.certificate("stranger-server"), certificates.key("stranger-server")));
        assertThat(message).contains("refused the client certificate");
    }

    @Test
    void givenTlsAskedOfAPlainServerOrPlainOfATlsOne_whenConnecting_thenSaidSo() throws Exception {
        var plain = RedisServerProcess.start(dir, false, List.of());
        servers.add(plain);
        assertThat(failureOf(tls("rediss://localhost:" + plain.port())))
                .contains("Unable to connect to localhost:" + plain.port())
                .contains("the TLS handshake did not finish: is that port the server's TLS port?");
        assertThat(failureOf(tls("redis://desk@localhost:" + mutual.port())))
                .contains("Connection reset")
                .contains("if that port speaks TLS, use rediss://");
    }
}
