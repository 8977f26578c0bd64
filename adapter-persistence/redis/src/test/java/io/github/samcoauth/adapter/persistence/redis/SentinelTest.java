package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store on Sentinel (a primary, a replica and three sentinels of Debian's redis-server), through
 * README's ACL user: every operation, plain and on mutual TLS; and two keeping instances through a
 * failover ({@code SENTINEL FAILOVER}, or {@code kill -9} of the primary) at a step of a renewal:
 * at most one extra login, both on one token within 5 s of the promotion, neither gives up.
 */
class SentinelTest extends DeploymentTestSupport {

    private static final AccountId DV = new AccountId("DV99999");

    /** README's user, as a {@code user} line of the data nodes' configuration. */
    private List<String> aclUser() {
        return aclUser(List.of(), List.of());
    }

    private SentinelTopology topology(boolean tls) throws Exception {
        var topology = new SentinelTopology(Files.createTempDirectory(dir, "topology"), tls, certificates, aclUser());
        opened.add(topology);
        return topology;
    }

    private RedisSessionStoreAdapter store(SentinelTopology topology, boolean tls, Duration lockTtl) {
        return store(topology.url("desk"), tls, lockTtl);
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

    /**
     * Sentinels that ask for a password of their own ({@code requirepass}, distinct from the data
     * nodes' user): with it every operation works; without it, or with a wrong one, a failure that
     * says the sentinels refused and where their password goes, never the password.
     */
    @Test
    void givenSentinelsWithAPasswordOfTheirOwn_whenTheStoreHasIt_thenItWorksAndWithoutItTheSentinelsAreNamed()
            throws Exception {
        var sentinelSecret = "sentinels-own-password-42";
        var topology = new SentinelTopology(
                Files.createTempDirectory(dir, "guarded"), false, certificates, aclUser(), sentinelSecret);
        opened.add(topology);
        var url = topology.url("desk");
        var with = RedisSessionStoreAdapter.builder()
                .uri(url)
                .password(PASSWORD)
                .sentinelPassword(null, sentinelSecret)
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .timeout(Duration.ofSeconds(1))
                .lockTtl(Duration.ofMillis(300));
        var a = with.build().get();
        var b = with.build().get();
        opened.add(a);
        opened.add(b);
        assertThat(StoreWorkload.firstFailure(a, b)).as(topology.logs()).isEqualTo(Option.none());
        for (var wrong : java.util.Arrays.asList(null, "not-the-sentinels-password")) {
            var without = RedisSessionStoreAdapter.builder()
                    .uri(url)
                    .password(PASSWORD)
                    .sentinelPassword(null, wrong)
                    .encryptionKeys(KEY)
                    .keyPrefix(prefix)
                    .timeout(Duration.ofSeconds(1))
                    .build()
                    .get();
            opened.add(without);
            var refused = without.find(DV);
            assertThat(refused.isLeft()).as("with %s", wrong).isTrue();
            assertThat(refused.getLeft().message())
                    .as("with %s", wrong)
                    .contains(wrong == null ? "the sentinels refused" : "sentinel")
                    .contains("SAMCO_STORE_SENTINEL_PASSWORD")
                    .doesNotContain(sentinelSecret)
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void givenASentinelPasswordWithoutSentinels_whenBuilt_thenRefusedAsMisplaced() {
        var built = RedisSessionStoreAdapter.builder()
                .uri("redis://127.0.0.1:6379")
                .sentinelPassword(null, "sentinels-own-password-42")
                .encryptionKeys(KEY)
                .build();
        assertThat(built.isLeft()).isTrue();
        assertThat(built.getLeft().message()).contains("redis-sentinel://").doesNotContain("sentinels-own-password-42");
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
     * Four idle instances of one account: what the primary receives from them per instance per
     * second, at most 1. The sentinels' own {@code PING}s, {@code INFO}s and {@code PUBLISH}es of
     * hello messages (at sentinel's default INFO period, 10 s) are counted apart: the store sends
     * none of these while idle. Over 6 s here; {@code -Dsamco.idleSeconds=130} for
     * docs/PERFORMANCE.md.
     */
    @Test
    void givenFourIdleInstancesOfOneAccount_whenNothingHappens_thenAtMostOneRedisCommandPerSecondEach()
            throws Exception {
        var topology = topology(false);
        topology.askForInfoEvery(SentinelTopology.DEFAULT_INFO);
        try {
            idleCostIsAtMostOneCommandPerSecond(
                    "sentinel",
                    topology.dataPorts(),
                    topology.url("desk"),
                    java.util.Set.of("cmdstat_ping", "cmdstat_info", "cmdstat_publish"));
        } finally {
            topology.askForInfoEvery(SentinelTopology.QUICK_INFO);
        }
    }

    /**
     * Two instances, one renewal: what the data nodes received for it (a script's own calls
     * included), and how long until both serve the new token.
     */
    @Test
    void givenTwoInstances_whenOneRenews_thenTheRenewalCostsAFewCommandsAndBothServeItsToken() throws Exception {
        var topology = topology(false);
        topology.askForInfoEvery(SentinelTopology.DEFAULT_INFO);
        try {
            oneRenewalCostsAFewCommands("sentinel", topology.dataPorts(), topology.url("desk"));
        } finally {
            topology.askForInfoEvery(SentinelTopology.QUICK_INFO);
        }
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
