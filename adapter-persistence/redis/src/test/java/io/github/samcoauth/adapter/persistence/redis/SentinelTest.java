package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store on Sentinel (a primary, a replica and three sentinels of Debian's redis-server), through
 * README's ACL user: every operation, plain and on mutual TLS; and two keeping instances through a
 * failover ({@code SENTINEL FAILOVER}, or {@code kill -9} of the primary) at a step of a renewal:
 * at most one extra login, both on one token within 5 s of the promotion, neither gives up.
 */
class SentinelTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    private static final String PASSWORD = "desk-sentinel-password-01";

    private static Path dir;
    private static TestCertificates certificates;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final String prefix = "sentinel-" + UUID.randomUUID();

    @BeforeAll
    static void certificates() throws Exception {
        RedisServerProcess.requireInstalled();
        dir = Files.createTempDirectory("samco-sentinel");
        certificates = TestCertificates.makeIn(dir);
    }

    @AfterAll
    static void removeFiles() throws Exception {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** README's least-privilege user, as a {@code user} line of the data nodes' configuration. */
    private List<String> aclUser() {
        var rules = new ArrayList<>(List.of("desk", "on", ">" + PASSWORD, "~" + prefix + ":*", "&" + prefix + ":*"));
        RedisTlsTest.ACL_COMMANDS.forEach(c -> rules.add("+" + c));
        return rules;
    }

    private SentinelTopology topology(boolean tls) throws Exception {
        var topology = new SentinelTopology(Files.createTempDirectory(dir, "topology"), tls, certificates, aclUser());
        opened.add(topology);
        return topology;
    }

    private RedisSessionStoreAdapter store(SentinelTopology topology, boolean tls, Duration lockTtl) {
        var builder = RedisSessionStoreAdapter.builder()
                .uri(topology.url("desk"))
                .password(PASSWORD)
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .timeout(Duration.ofSeconds(1))
                .lockTtl(lockTtl);
        if (tls) {
            builder.trustedCertificates(certificates.ca())
                    .clientCertificate(certificates.certificate("client"), certificates.key("client"));
        }
        var store = builder.build().get();
        opened.add(store);
        return store;
    }

    @ParameterizedTest(name = "tls={0}")
    @CsvSource({"false", "true"})
    void givenSentinelsAndReadmesAclUser_whenEveryOperationRuns_thenEachWorks(boolean tls) throws Exception {
        var topology = topology(tls);
        var store = store(topology, tls, Duration.ofMillis(300));
        assertThat(StoreWorkload.firstFailure(store, store(topology, tls, Duration.ofMillis(300))))
                .as(topology.logs())
                .isEqualTo(Option.none());
        assertThat(store.checkWritable()).isEqualTo(Either.right(true));
    }

    @Test
    void givenASentinelUrl_whenAFailureIsSaid_thenTheSentinelsAndPrimaryAreNamedWithoutThePassword() throws Exception {
        var store = RedisSessionStoreAdapter.builder()
                .uri("redis-sentinel://desk:" + PASSWORD + "@127.0.0.1:1,127.0.0.1:2#samco")
                .encryptionKeys(KEY)
                .timeout(Duration.ofMillis(500))
                .build()
                .get();
        opened.add(store);
        var failed = store.find(DV);
        assertThat(failed.isLeft()).isTrue();
        assertThat(failed.getLeft().message())
                .contains("redis-sentinel://127.0.0.1:1,127.0.0.1:2#samco")
                .doesNotContain(PASSWORD);
    }

    @Test
    void givenANodeThatTurnedReplicaUnderItsClients_whenAWriteIsRefused_thenTheConnectionIsMadeAnew() throws Exception {
        var topologyDir = Files.createTempDirectory(dir, "demoted");
        try (var node = RedisServerProcess.start(topologyDir, false, List.of());
                var other = RedisServerProcess.start(topologyDir, false, List.of());
                var admin = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + node.port());
                var raw = admin.connect()) {
            var store = RedisSessionStoreAdapter.builder()
                    .uri("redis://127.0.0.1:" + node.port())
                    .encryptionKeys(KEY)
                    .keyPrefix(prefix)
                    .build()
                    .get();
            opened.add(store);
            var session = Sessions.session("DV99999", "cccccccccccccccccccccccccccccccc");
            assertThat(store.save(session).isRight()).isTrue();
            // a primary demoted as Sentinel does it, less the CLIENT KILL that usually follows
            raw.sync().replicaof("127.0.0.1", other.port());
            long before = connectionsReceived(raw.sync());
            for (int i = 0; i < 2; i++) {
                var refused = store.save(session);
                assertThat(refused.isLeft()).isTrue();
                assertThat(refused.getLeft().message()).contains("READONLY");
            }
            assertThat(connectionsReceived(raw.sync()) - before)
                    .as("the second save on a connection made anew after the first refusal")
                    .isEqualTo(1);
        }
    }

    private static long connectionsReceived(io.lettuce.core.api.sync.RedisCommands<String, String> raw) {
        for (var line : raw.info("stats").split("\r?\n")) {
            if (line.startsWith("total_connections_received:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new AssertionError("no total_connections_received in INFO stats");
    }

    /**
     * Two instances, one renewal: what the data nodes received for it (a script's own calls
     * included), and how long until both serve the new token.
     */
    @Test
    void givenTwoInstances_whenOneRenews_thenTheRenewalCostsAFewCommandsAndBothServeItsToken() throws Exception {
        var topology = topology(false);
        var received = new CommandsReceived(topology.dataPorts());
        opened.add(received);
        var cost = KeepersThroughAFault.oneRenewal(
                store(topology, false, Duration.ofSeconds(3)), store(topology, false, Duration.ofSeconds(3)), received);
        System.out.printf(
                "sentinel renewal: %d commands, both on its token %s after its login began: %s%n",
                cost.commands(), cost.converged().map(d -> d.toMillis() + " ms").getOrElse("never"), cost.received());
        assertThat(cost.converged()).isNotEmpty();
        assertThat(cost.logins()).isEqualTo(1);
        // measured: 55 with the scripts' own calls; a loop of reads or lease tries would be hundreds
        assertThat(cost.commands()).isLessThanOrEqualTo(80);
    }

    /**
     * Two instances keep one account; its session is about to expire, so one renews; at {@code
     * step} the primary fails over. Counted: logins (one for the renewal, at most one more for the
     * failover), the time from the promotion until both instances serve one token that the store
     * also holds (at most 5 s), and that neither instance stops serving.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"failover, DURING_LOGIN", "failover, AFTER_COMMIT", "kill, DURING_LOGIN", "kill, AFTER_COMMIT"})
    void givenAFailoverAtAStepOfARenewal_whenTwoInstancesKeepTheSession_thenAtMostOneExtraLoginAndOneTokenWithin5s(
            String how, KeepersThroughAFault.Step step) throws Exception {
        var topology = topology(false);
        var a = store(topology, false, Duration.ofSeconds(3));
        var b = store(topology, false, Duration.ofSeconds(3));
        var keepers = new KeepersThroughAFault();
        opened.add(keepers);
        var promotion = new AtomicReference<Instant>();
        var promotedIn = new AtomicReference<Duration>();
        Runnable failOver = () -> {
            try {
                int old = topology.primaryPort();
                if (how.equals("kill")) {
                    topology.dataNode(old).kill();
                } else {
                    topology.failover();
                }
                promotedIn.set(topology.awaitPromotionFrom(old, Duration.ofSeconds(20)));
                promotion.set(Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertThat(a.save(KeepersThroughAFault.expiring(Duration.ofSeconds(4))).isRight())
                .isTrue();
        keepers.instance(a, step, failOver);
        keepers.instance(b, step, failOver);
        assertThat(keepers.run(step, failOver))
                .as("both read before the failover")
                .isTrue();
        long failedOver = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (promotion.get() == null && System.nanoTime() < failedOver) {
            Thread.sleep(5);
        }
        assertThat(promotion.get()).as("promoted\n" + topology.logs()).isNotNull();
        var converged = keepers.oneTokenAfter(promotion.get(), a, Duration.ofSeconds(5));
        System.out.printf(
                "sentinel %s %s: promoted in %d ms, one token %s after the promotion, %d logins%n",
                how,
                step,
                promotedIn.get().toMillis(),
                converged.map(d -> d.toMillis() + " ms").getOrElse("never (within 5 s)"),
                keepers.logins.get());
        assertThat(converged)
                .as("one token within 5 s of the promotion; events " + keepers.events)
                .isNotEmpty();
        assertThat(keepers.logins.get())
                .as("the renewal's login and at most one for the failover")
                .isBetween(1, 2);
        assertThat(keepers.allServe()).isTrue();
    }
}
