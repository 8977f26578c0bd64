package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a Redis store is set up, with no Redis at all: every setting checked before anything
 * connects, each refusal naming the setting, the URL's user and password read as the platform
 * meant them, and a platform's own client left as it was made.
 */
class RedisStoreBuilderTest {

    private static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    private static final String URL = "redis://127.0.0.1:6379";

    @TempDir
    Path tmp;

    private static RedisSessionStoreAdapter.Builder valid() {
        return RedisSessionStoreAdapter.builder().uri(URL).encryptionKeys(KEY);
    }

    private static String refusal(RedisSessionStoreAdapter.Builder builder) {
        var built = builder.build();
        assertThat(built.isLeft()).as("refused").isTrue();
        assertThat(built.getLeft()).isInstanceOf(AuthError.InvalidInput.class);
        return built.getLeft().message();
    }

    private static void accepted(RedisSessionStoreAdapter.Builder builder) {
        var built = builder.build();
        assertThat(built.isRight()).as("accepted: %s", built).isTrue();
        built.get().close();
    }

    @Test
    void givenKeyPrefixes_whenBuilt_thenOneTo64SafeCharactersAndNothingElse() {
        accepted(valid().keyPrefix("a"));
        accepted(valid().keyPrefix("prod.samco-auth_2"));
        accepted(valid().keyPrefix("p".repeat(64)));
        for (var bad : new String[] {"", "p".repeat(65), "with space", "a:b", "a{b}", "a*"}) {
            assertThat(refusal(valid().keyPrefix(bad))).as(bad).contains("Redis key prefix");
        }
        assertThat(refusal(valid().keyPrefix(null))).contains("Redis key prefix");
    }

    @Test
    void givenTimings_whenBuilt_thenPositiveOnesAndAZeroKeepAfterExpiryAccepted() {
        accepted(valid().timeout(Duration.ofMillis(1))
                .lockTtl(Duration.ofMillis(1))
                .keptAfterExpiry(Duration.ZERO));
        for (var bad : new RedisSessionStoreAdapter.Builder[] {
            valid().timeout(Duration.ZERO),
            valid().timeout(Duration.ofMillis(-1)),
            valid().timeout(null),
            valid().lockTtl(Duration.ZERO),
            valid().lockTtl(Duration.ofSeconds(-15)),
            valid().keptAfterExpiry(Duration.ofMillis(-1)),
            valid().keptAfterExpiry(null)
        }) {
            assertThat(refusal(bad)).contains("Redis timings").contains("positive durations");
        }
    }

    @Test
    void givenNoClockNoUrlOrAnUnreadableCa_whenBuilt_thenEachRefusedByName() {
        assertThat(refusal(valid().clock(null))).contains("clock");
        assertThat(refusal(RedisSessionStoreAdapter.builder().encryptionKeys(KEY)))
                .contains("Redis URL");
        assertThat(refusal(valid().trustedCertificates(tmp.resolve("missing.pem"))))
                .contains("Redis CA certificates");
        accepted(valid().clock(Clock.systemUTC()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "redis://",
                "redis:///0",
                "not a url",
                "http://127.0.0.1:6379",
                "redis://127.0.0.1:port",
                "redis://127.0.0.1:-1",
                "redis://127.0.0.1:0",
                "redis://127.0.0.1:65536",
                "redis://127.0.0.1:6379:7",
                "redis://u:p@127.0.0.1:63a79/0",
                "redis://127.0.0.1:6379/db",
                "redis://127.0.0.1:6379,127.0.0.1:6380",
                "redis-sentinel://127.0.0.1:26379",
                "redis-sentinel://127.0.0.1:26379#",
                "redis-sentinel://127.0.0.1:26379,127.0.0.1:0#samco",
                "redis-sentinel://127.0.0.1:26379,#samco",
                "redis-sentinel://#samco",
                "rediss-sentinel://u:p@127.0.0.1:26379:1#samco",
                "redis-cluster://",
                "redis-cluster://127.0.0.1:7000,",
                "redis-cluster://127.0.0.1:7000,,127.0.0.1:7001",
                "redis-cluster://127.0.0.1:7000,127.0.0.1:0",
                "redis-cluster://127.0.0.1:7000,127.0.0.1:70000",
                "redis-cluster://127.0.0.1:7000/3",
                "redis-cluster://127.0.0.1:7000?timeout=5s",
                "redis-cluster://127.0.0.1:7000#samco",
                "rediss-cluster://u:p@127.0.0.1:7000:1",
                "redis://:6379",
                "redis://u:p@:6379/0",
                "redis://[::1]:0",
                "redis://[::1]:port",
                "redis-sentinel://127.0.0.1:26379,:26380#samco",
                "redis-sentinel://127.0.0.1:26379#%20",
                "redis-cluster://127.0.0.1:7000,:7001"
            })
    void givenUrlsThatNameNoRedis_whenBuilt_thenRefusedWithTheShapeExpected(String url) {
        assertThat(refusal(valid().uri(url))).contains("Redis URL").contains("redis://[user:password@]host");
    }

    @ParameterizedTest
    @CsvSource({
        "redis://127.0.0.1",
        "redis://127.0.0.1:1",
        "redis://127.0.0.1:65535/2",
        "rediss://samco:p:w@redis.internal:6380",
        "redis://[::1]:6379",
        "redis://[::1]",
        "redis://samco@127.0.0.1?timeout=5s"
    })
    void givenUrlsOfEachShape_whenBuilt_thenAccepted(String url) {
        accepted(valid().uri(url));
    }

    /** A failure to connect, as Lettuce reports one: its message, over the JDK's cause. */
    private static RuntimeException connecting(Throwable cause) {
        return new io.lettuce.core.RedisConnectionException("Unable to connect to localhost/<unresolved>:6380", cause);
    }

    @Test
    void givenEachTlsFailureAsTheJdkSaysIt_whenGivenAReason_thenSaidAsWhatItIsWithWhatToDo() {
        var wrongHost = connecting(new javax.net.ssl.SSLHandshakeException(
                "No subject alternative DNS name matching redis.internal found."));
        assertThat(RedisConnection.reason(wrongHost))
                .isEqualTo("TLS: the Redis server's certificate does not name redis.internal (the host in the URL):"
                        + " connect by a name it carries, or have it reissued");
        assertThat(RedisConnection.reason(connecting(new javax.net.ssl.SSLHandshakeException(
                        "No subject alternative names matching IP address 10.0.0.7 found"))))
                .contains("does not name 10.0.0.7 (the host");
        assertThat(RedisConnection.reason(connecting(new RuntimeException(
                        "handshake", new java.security.cert.CertificateExpiredException("NotAfter: 2020")))))
                .isEqualTo("TLS: the Redis server's certificate has expired (or is not valid yet)");
        assertThat(RedisConnection.reason(connecting(
                        new javax.net.ssl.SSLHandshakeException("PKIX path validation failed: validity check failed"))))
                .contains("has expired");
        assertThat(RedisConnection.reason(connecting(new javax.net.ssl.SSLHandshakeException(
                        "PKIX path building failed: unable to find valid certification path to requested target"))))
                .contains("not signed by a CA trusted here")
                .contains("--store-ca");
        assertThat(RedisConnection.reason(connecting(
                        new javax.net.ssl.SSLHandshakeException("Received fatal alert: certificate_required"))))
                .contains("asks for a client certificate")
                .contains("SAMCO_STORE_CERT_KEY");
        assertThat(RedisConnection.reason(
                        connecting(new javax.net.ssl.SSLException("Received fatal alert: bad_certificate"))))
                .contains("asks for a client certificate");
        assertThat(RedisConnection.reason(
                        connecting(new javax.net.ssl.SSLException("Received fatal alert: unknown_ca"))))
                .isEqualTo("TLS: the Redis server refused the client certificate (not signed by a CA it trusts)");
        assertThat(RedisConnection.reason(
                        connecting(new javax.net.ssl.SSLException("Received fatal alert: certificate_unknown"))))
                .contains("refused the client certificate");
        assertThat(RedisConnection.reason(
                        connecting(new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"))))
                .contains("does not speak TLS on that port");
        assertThat(RedisConnection.reason(connecting(new io.netty.handler.ssl.NotSslRecordException("bytes"))))
                .contains("does not speak TLS on that port");
        assertThat(RedisConnection.tlsProblem(connecting(new RuntimeException("Connection refused"))))
                .isEqualTo(Option.none());
        assertThat(RedisConnection.tlsProblem(new RuntimeException((String) null)))
                .isEqualTo(Option.none());
    }

    @Test
    void givenAFailureToConnect_whenGivenAReason_thenItsCauseFollowsAndTlsOnOneSideOnlyIsSuggested() {
        var reset = connecting(new java.net.SocketException("Connection reset"));
        assertThat(RedisConnection.reason(reset)).isEqualTo("Unable to connect to localhost:6380: Connection reset");
        assertThat(RedisConnection.transportHint(reset, false))
                .isEqualTo(" (the server dropped the connection at once: if that port speaks TLS, use rediss://)");
        assertThat(RedisConnection.transportHint(reset, true)).isEmpty();
        var closed = connecting(new RuntimeException("Connection closed prematurely"));
        assertThat(RedisConnection.transportHint(closed, false)).contains("use rediss://");
        var silent = connecting(new io.lettuce.core.RedisCommandTimeoutException(
                "Connection initialization timed out after 2 second(s)"));
        assertThat(RedisConnection.transportHint(silent, true))
                .isEqualTo(" (the TLS handshake did not finish: is that port the server's TLS port?)");
        assertThat(RedisConnection.transportHint(silent, false)).isEmpty();
        assertThat(RedisConnection.transportHint(new RuntimeException("Connection reset"), false))
                .as("not while connecting")
                .isEmpty();
        assertThat(RedisConnection.transportHint(
                        connecting(new javax.net.ssl.SSLException("Received fatal alert: unknown_ca")), false))
                .as("a TLS failure says itself")
                .isEmpty();
        assertThat(RedisConnection.reason(connecting(new RuntimeException("Connection refused: /127.0.0.1:6380"))))
                .isEqualTo("Unable to connect to localhost:6380: Connection refused: /127.0.0.1:6380");
        assertThat(RedisConnection.reason(new io.lettuce.core.RedisConnectionException("Unable to connect to h:1")))
                .isEqualTo("Unable to connect to h:1");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "redis-sentinel://127.0.0.1:26379#samco",
                "redis-sentinel://desk:pw@127.0.0.1:26379,127.0.0.1:26380,localhost:26381/2#samco",
                "rediss-sentinel://desk@sentinel-a.internal:26379,sentinel-b.internal#samco"
            })
    void givenSentinelUrls_whenBuilt_thenAccepted(String url) {
        accepted(valid().uri(url));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "redis-cluster://127.0.0.1:7000",
                "redis-cluster://desk:pw@127.0.0.1:7000,127.0.0.1:7001,localhost:7002",
                "redis-cluster://127.0.0.1:7000/",
                "redis-cluster://127.0.0.1:7000/0",
                "rediss-cluster://desk@node-a.internal:7000,node-b.internal"
            })
    void givenClusterUrls_whenBuilt_thenAccepted(String url) {
        accepted(valid().uri(url));
    }

    @Test
    void givenEachDeployment_whenItsScriptsAreChosen_thenAClusterPublishesToItsShardAndTheOthersPublish() {
        var cluster = valid().uri("redis-cluster://127.0.0.1:7000").build().get();
        var standalone = valid().uri("redis://127.0.0.1:6379").build().get();
        try {
            assertThat(cluster.connection().isCluster()).isTrue();
            assertThat(standalone.connection().isCluster()).isFalse();
            for (var script : java.util.List.of(RedisScripts.WRITE, RedisScripts.DELETE, RedisScripts.RESTORE)) {
                var sharded = cluster.connection().script(script);
                assertThat(standalone.connection().script(script)).isSameAs(script);
                assertThat(sharded.text()).doesNotContain("redis.call('PUBLISH'");
                assertThat(sharded).isSameAs(cluster.connection().script(script));
                assertThat(sharded.sha()).isNotEqualTo(script.sha());
            }
            assertThat(cluster.connection().script(RedisScripts.WRITE).text()).contains("redis.call('SPUBLISH'");
            // a script that publishes nothing runs as it is
            assertThat(cluster.connection().script(RedisScripts.WATCH).text()).isEqualTo(RedisScripts.WATCH.text());
        } finally {
            cluster.close();
            standalone.close();
        }
    }

    @Test
    void givenASentinelUrl_whenParsed_thenEverySentinelIsAskedWithinTheTimeout() {
        var store = valid().uri("redis-sentinel://127.0.0.1:26379,127.0.0.1:26380#samco")
                .timeout(java.time.Duration.ofMillis(640))
                .build()
                .get();
        try {
            var uri = store.connection().uri().get();
            assertThat(uri.getTimeout()).isEqualTo(java.time.Duration.ofMillis(640));
            assertThat(uri.getSentinels())
                    .hasSize(2)
                    .allSatisfy(
                            sentinel -> assertThat(sentinel.getTimeout()).isEqualTo(java.time.Duration.ofMillis(640)));
        } finally {
            store.close();
        }
    }

    @Test
    void givenTheSentinelsOwnPassword_whenBuilt_thenSentToEverySentinelAndNeverToTheDataNodes() {
        var store = valid().uri("redis-sentinel://desk:node-secret@127.0.0.1:26379,127.0.0.1:26380#samco")
                .sentinelPassword(null, "sentinel-secret")
                .build()
                .get();
        var withUser = valid().uri("redis-sentinel://127.0.0.1:26379#samco")
                .sentinelPassword("watcher", "sentinel-secret")
                .build()
                .get();
        try {
            var uri = store.connection().uri().get();
            assertThat(new String(uri.getCredentialsProvider()
                            .resolveCredentials()
                            .block()
                            .getPassword()))
                    .isEqualTo("node-secret");
            assertThat(uri.getSentinels()).hasSize(2).allSatisfy(sentinel -> {
                var credentials =
                        sentinel.getCredentialsProvider().resolveCredentials().block();
                assertThat(new String(credentials.getPassword())).isEqualTo("sentinel-secret");
                assertThat(credentials.getUsername()).isNull();
            });
            var sentinel = withUser.connection().uri().get().getSentinels().get(0);
            assertThat(sentinel.getCredentialsProvider()
                            .resolveCredentials()
                            .block()
                            .getUsername())
                    .isEqualTo("watcher");
            assertThat(store.toString() + withUser).doesNotContain("sentinel-secret");
        } finally {
            store.close();
            withUser.close();
        }
        assertThat(refusal(valid().sentinelPassword(null, "sentinel-secret")))
                .contains("redis-sentinel://")
                .doesNotContain("sentinel-secret");
        assertThat(refusal(valid().uri("redis-sentinel://127.0.0.1:26379#samco").sentinelPassword("watcher", "")))
                .contains("a password with the sentinels' user");
        accepted(valid().uri("redis-sentinel://127.0.0.1:26379#samco").sentinelPassword(null, null));
        accepted(valid().sentinelPassword(null, ""));
        var noPassword = valid().password("").build().get();
        try {
            assertThat(noPassword
                            .connection()
                            .uri()
                            .get()
                            .getCredentialsProvider()
                            .resolveCredentials()
                            .block()
                            .hasPassword())
                    .as("an empty password is none")
                    .isFalse();
        } finally {
            noPassword.close();
        }
    }

    @Test
    void givenASentinelDeploymentThatCannotBeAsked_whenGivenAReason_thenTheSentinelsAreNamedAsTheProblem() {
        var sentinels = "Cannot connect to a Redis Sentinel: [redis://localhost:26379]";
        assertThat(RedisConnection.reason(new io.lettuce.core.RedisConnectionException(
                        sentinels,
                        new io.lettuce.core.RedisConnectionException(
                                "Cannot connect Redis Sentinel at redis://localhost:26379",
                                new io.lettuce.core.RedisCommandExecutionException("NOAUTH HELLO must be called")))))
                .isEqualTo(RedisConnection.SENTINEL_AUTHENTICATION_FAILED);
        assertThat(RedisConnection.reason(new io.lettuce.core.RedisConnectionException(
                        sentinels, new IllegalStateException("RedisHandshakeHandler not registered"))))
                .isEqualTo(RedisConnection.NO_SENTINEL_ANSWERED);
        assertThat(RedisConnection.reason(connecting(
                        new io.lettuce.core.RedisCommandExecutionException("WRONGPASS invalid username-password"))))
                .isEqualTo(RedisConnection.AUTHENTICATION_FAILED);
    }

    @Test
    void givenAClusterUrlAndAPlatformsClient_whenBuilt_thenRefusedAsTheClientCannotServeACluster() {
        var client = RedisClient.create();
        try {
            assertThat(refusal(valid().client(client).uri("redis-cluster://127.0.0.1:7000")))
                    .contains("redis-cluster://")
                    .contains("client the store makes itself");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void givenAClusterUrl_whenItsSeedsAreRead_thenEachHasTheUserThePasswordAndTheTimeout() {
        var store = valid().uri("rediss-cluster://desk@a.internal:7000,b.internal")
                .password("pw-of-desk")
                .timeout(java.time.Duration.ofMillis(750))
                .build()
                .get();
        try {
            assertThat(store.where()).startsWith("rediss-cluster://a.internal:7000,b.internal:6379 ");
            assertThat(store.clusterSeeds()).hasSize(2).allSatisfy(seed -> {
                assertThat(seed.isSsl()).isTrue();
                var credentials =
                        seed.getCredentialsProvider().resolveCredentials().block();
                assertThat(credentials.getUsername()).isEqualTo("desk");
                assertThat(new String(credentials.getPassword())).isEqualTo("pw-of-desk");
                assertThat(seed.getTimeout()).isEqualTo(java.time.Duration.ofMillis(750));
            });
            assertThat(store.clusterSeeds().get(1).getPort()).isEqualTo(6379);
        } finally {
            store.close();
        }
        assertThat(RedisConnection.displayCluster(java.util.List.of())).isEqualTo("redis-cluster://");
        assertThat(RedisConnection.reason(new RuntimeException("cannot reach rediss-cluster://u:secret@a:1,b:2")))
                .isEqualTo("cannot reach redis://…");
    }

    @Test
    void givenAUrl_whenShownInAFailure_thenWithoutUserOrPasswordAndWithEverySentinel() {
        assertThat(RedisConnection.display(io.lettuce.core.RedisURI.create("rediss://u:secret@h:6380/2")))
                .isEqualTo("rediss://h:6380");
        assertThat(RedisConnection.display(io.lettuce.core.RedisURI.create("redis://h")))
                .isEqualTo("redis://h:6379");
        assertThat(RedisConnection.display(
                        io.lettuce.core.RedisURI.create("redis-sentinel://u:secret@a:26379,b:26380/1#samco")))
                .isEqualTo("redis-sentinel://a:26379,b:26380#samco");
        assertThat(RedisConnection.display(io.lettuce.core.RedisURI.create("rediss-sentinel://a#samco")))
                .isEqualTo("rediss-sentinel://a:26379#samco");
        assertThat(RedisConnection.reason(new RuntimeException("cannot reach redis-sentinel://u:secret@a:1#m")))
                .isEqualTo("cannot reach redis://…");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "redis://127.0.0.1          | false | -",
                "redis://samco@127.0.0.1    | false | samco",
                "redis://samco:@127.0.0.1   | false | samco",
                "redis://samco:pw@127.0.0.1 | true  | samco",
                "redis://:pw@127.0.0.1      | true  | -",
                "redis://:@127.0.0.1        | false | -",
                "redis://s%40m:p@127.0.0.1  | true  | s@m",
                "redis://127.0.0.1/0?x=a@b  | false | -",
                "://samco@127.0.0.1         | false | samco",
                "127.0.0.1@samco            | false | -"
            })
    void givenUserPartsOfUrls_whenRead_thenOnlyUserColonPasswordCarriesAPasswordAndAUserIsNamedAsWritten(
            String url, boolean hasPassword, String user) {
        assertThat(RedisSessionStoreAdapter.Builder.hasPassword(url)).isEqualTo(hasPassword);
        assertThat(RedisSessionStoreAdapter.Builder.userOf(url)).isEqualTo(Option.of(user));
    }

    @Test
    void givenThePlatformsOwnClient_whenAStoreIsBuiltOnItAndClosed_thenItsOptionsStayAndItStaysOpen() {
        var client = RedisClient.create();
        try {
            var options = ClientOptions.builder().autoReconnect(false).build();
            client.setOptions(options);
            var store = RedisSessionStoreAdapter.builder()
                    .client(client)
                    .uri(URL)
                    .encryptionKeys(KEY)
                    .build()
                    .get();
            assertThat(client.getOptions()).isSameAs(options);
            store.close();
            assertThat(client.getResources().eventExecutorGroup().isShuttingDown())
                    .isFalse();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void givenARedisThatAcceptsAndNeverAnswers_whenUsed_thenGivenUpWithinTheTimeoutNotLettucesMinute()
            throws Exception {
        try (var silent = new ServerSocket(0)) {
            var accepted = new CopyOnWriteArrayList<Socket>();
            var acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            var store = RedisSessionStoreAdapter.builder()
                    .uri("redis://127.0.0.1:" + silent.getLocalPort())
                    .encryptionKeys(KEY)
                    .timeout(Duration.ofMillis(300))
                    .build()
                    .get();
            try {
                long start = System.nanoTime();
                var read = store.find(new AccountId("DV99999"));
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(read.isLeft()).isTrue();
                assertThat(read.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
                assertThat(read.getLeft().message())
                        .startsWith("Redis could not read the session: ")
                        .contains("redis://127.0.0.1:" + silent.getLocalPort());
                assertThat(took)
                        .as("ms to give up on a silent Redis with a 300 ms timeout")
                        .isLessThan(10_000);
            } finally {
                store.close();
                for (var socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void givenEachKindOfFailure_whenGivenAReason_thenShortReadableAndFreeOfPasswordsAndMarkers() {
        assertThat(RedisConnection.reason(new RuntimeException(
                        "outer", new RedisCommandExecutionException("WRONGPASS invalid username-password pair"))))
                .isEqualTo(RedisConnection.AUTHENTICATION_FAILED);
        assertThat(RedisConnection.reason(new RedisCommandExecutionException("NOAUTH Authentication required.")))
                .isEqualTo(RedisConnection.AUTHENTICATION_FAILED);
        assertThat(RedisConnection.reason(new RuntimeException("", new IllegalStateException("the cause speaks"))))
                .isEqualTo("the cause speaks");
        assertThat(RedisConnection.reason(new RuntimeException(null, new IllegalStateException("the cause speaks"))))
                .isEqualTo("the cause speaks");
        assertThat(RedisConnection.reason(new RuntimeException("said", new IllegalStateException("not asked"))))
                .isEqualTo("said");
        assertThat(RedisConnection.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(RedisConnection.reason(new RuntimeException("   "))).isEqualTo("   ");
        assertThat(RedisConnection.reason(
                        new RuntimeException("Unable to connect to rediss://u:secret@h:6380\u001b[31m now")))
                .isEqualTo("Unable to connect to redis://… now");
        assertThat(RedisConnection.reason(
                        new RedisCommandExecutionException("SAMCO-LEASE the lease is no longer held by this instance")))
                .isEqualTo("the lease is no longer held by this instance");
    }
}
