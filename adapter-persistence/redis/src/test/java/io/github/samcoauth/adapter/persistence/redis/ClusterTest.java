package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store on a Redis Cluster (three primaries, three replicas of Debian's redis-server) through
 * README's ACL user: every operation, plain and on mutual TLS; accounts spread over every primary
 * and all found; and two keeping instances through a fault at a step of a renewal ({@code CLUSTER
 * FAILOVER}, {@code kill -9} of the account's primary, its slot migrated to another primary): at
 * most one extra login, one token within 5 s, neither gives up.
 */
class ClusterTest extends DeploymentTestSupport {

    /** README's user for a cluster, less {@code leftOut}. */
    private List<String> aclUser(List<String> leftOut) {
        var more = new ArrayList<>(RedisTlsTest.CLUSTER_ACL_COMMANDS);
        more.addAll(RedisTlsTest.CLUSTER_ACL_QUIETING);
        return aclUser(more, leftOut);
    }

    private ClusterTopology topology(boolean tls) throws Exception {
        return topology(tls, List.of());
    }

    private ClusterTopology topology(boolean tls, List<String> leftOut) throws Exception {
        var topology =
                new ClusterTopology(Files.createTempDirectory(dir, "cluster"), tls, certificates, aclUser(leftOut));
        opened.add(topology);
        return topology;
    }

    private RedisSessionStoreAdapter store(ClusterTopology topology, boolean tls, Duration lockTtl) {
        return store(topology.url("desk"), tls, lockTtl);
    }

    private String sessionKey(String account) {
        return prefix + ":{" + account + "}:session";
    }

    @ParameterizedTest(name = "tls={0}")
    @CsvSource({"false", "true"})
    void givenAClusterAndReadmesAclUser_whenEveryOperationRuns_thenEachWorks(boolean tls) throws Exception {
        var topology = topology(tls);
        var store = store(topology, tls, Duration.ofMillis(300));
        assertThat(StoreWorkload.firstFailure(store, store(topology, tls, Duration.ofMillis(300))))
                .as(topology.logs())
                .isEqualTo(Option.none());
        assertThat(store.checkWritable()).isEqualTo(Either.right(true));
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"spublish", "ssubscribe", "cluster|nodes"})
    void givenReadmesClusterUserLessOneNeededCommand_whenEveryOperationRuns_thenOneFails(String leftOut)
            throws Exception {
        var topology = topology(false, List.of(leftOut));
        var store = store(topology, false, Duration.ofMillis(300));
        assertThat(StoreWorkload.firstFailure(store, store(topology, false, Duration.ofMillis(300))))
                .isNotEmpty();
    }

    @Test
    void givenReadmesClusterUserLessTheCommandsThatOnlyQuietTheAclLog_whenEveryOperationRuns_thenEachWorks()
            throws Exception {
        var topology = topology(false, RedisTlsTest.CLUSTER_ACL_QUIETING);
        var store = store(topology, false, Duration.ofMillis(300));
        assertThat(StoreWorkload.firstFailure(store, store(topology, false, Duration.ofMillis(300))))
                .isEqualTo(Option.none());
    }

    @Test
    void givenAccountsOnEveryPrimary_whenAllAreListed_thenEachIsFoundOnce() throws Exception {
        var topology = topology(false);
        var store = store(topology, false, Duration.ofSeconds(3));
        Set<Integer> primaries = new HashSet<>();
        var saved = new ArrayList<AccountId>();
        for (int i = 0; i < 30; i++) {
            var account = String.format("DV%05d", 10000 + i);
            var result = store.save(Sessions.session(account, String.format("%032d", i)));
            assertThat(result.isRight()).as(() -> result.getLeft().message()).isTrue();
            saved.add(new AccountId(account));
            primaries.add(topology.primaryOf(sessionKey(account)));
        }
        assertThat(primaries).as("the accounts' slots are on every primary").hasSize(3);
        var all = store.findAll();
        assertThat(all.isRight()).as(() -> all.getLeft().message()).isTrue();
        assertThat(all.get().map(session -> session.profile().accountId()).toJavaList())
                .containsExactlyInAnyOrderElementsOf(saved);
    }

    /**
     * Four idle instances of one account: what Redis receives from them, on all six nodes, per
     * instance per second (the pushes' subscriptions, the safety-net reads, Lettuce's reads of the
     * slot map), at most 1. Over 6 s here; {@code -Dsamco.idleSeconds=130} covers two of the
     * minutely reads of the slot map (docs/PERFORMANCE.md).
     */
    @Test
    void givenFourIdleInstancesOfOneAccount_whenNothingHappens_thenAtMostOneRedisCommandPerSecondEach()
            throws Exception {
        var topology = topology(false);
        idleCostIsAtMostOneCommandPerSecond("cluster", topology.ports(), topology.url("desk"), java.util.Set.of());
    }

    /**
     * Two instances, one renewal: what the cluster's nodes received for it (a script's own calls
     * included), and how long until both serve the new token. The protocol is the same on every
     * deployment; a cluster adds a redirection only when the slot map is stale.
     */
    @Test
    void givenTwoInstances_whenOneRenews_thenTheRenewalCostsAFewCommandsAndBothServeItsToken() throws Exception {
        var topology = topology(false);
        oneRenewalCostsAFewCommands("cluster", topology.ports(), topology.url("desk"));
    }

    @Test
    void givenAClusterUrl_whenAFailureIsSaid_thenTheSeedsAreNamedWithoutThePassword() {
        var store = RedisSessionStoreAdapter.builder()
                .uri("redis-cluster://desk:" + PASSWORD + "@127.0.0.1:1,127.0.0.1:2")
                .encryptionKeys(KEY)
                .timeout(Duration.ofMillis(500))
                .build()
                .get();
        opened.add(store);
        var failed = store.find(KeepersThroughAFault.DV);
        assertThat(failed.isLeft()).isTrue();
        assertThat(failed.getLeft().message())
                .contains("redis-cluster://127.0.0.1:1,127.0.0.1:2")
                .doesNotContain(PASSWORD);
    }

    /**
     * One instance watches the account; its slot's primary fails over, is killed, or the slot moves
     * to another primary. Lettuce leaves a shard subscription where it was; the store subscribes
     * again where the slot is now: counted on that primary ({@code PUBSUB SHARDNUMSUB}) within 5 s of
     * the fault's end, and the next saves pushed within a second each.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"failover", "kill", "migrate"})
    void givenAWatcher_whenItsSlotChangesPrimary_thenItIsSubscribedWhereTheSlotIsNow(String how) throws Exception {
        var topology = topology(false);
        var watching = store(topology, false, Duration.ofSeconds(3));
        var saving = store(topology, false, Duration.ofSeconds(3));
        var told = new java.util.concurrent.atomic.AtomicInteger();
        var dv = KeepersThroughAFault.DV;
        var channel = prefix + ":{" + dv.value() + "}:changes";
        assertThat(watching.watch(dv, told::incrementAndGet)).isTrue();
        int primary = topology.primaryOf(sessionKey(dv.value()));
        assertThat(subscribers(topology, primary, channel)).isEqualTo(1);
        int now = how.equals("migrate") ? topology.otherPrimary(primary) : topology.replicaOf(primary);
        switch (how) {
            case "failover" -> {
                topology.failover(primary);
                topology.awaitPrimary(now, Duration.ofSeconds(20));
            }
            case "kill" -> {
                topology.kill(primary);
                topology.awaitPrimary(now, Duration.ofSeconds(20));
            }
            default -> topology.migrateSlotOf(sessionKey(dv.value()), primary, now);
        }
        long over = System.nanoTime();
        while (subscribers(topology, now, channel) < 1) {
            assertThat(System.nanoTime() - over)
                    .as("subscribed on the slot's new primary within 5 s of the " + how)
                    .isLessThan(Duration.ofSeconds(5).toNanos());
            Thread.sleep(20);
        }
        System.out.printf(
                "cluster %s: subscribed again %d ms after%n",
                how, Duration.ofNanos(System.nanoTime() - over).toMillis());
        for (int i = 0; i < 3; i++) {
            int before = told.get();
            assertThat(saving.save(KeepersThroughAFault.expiring(Duration.ofMinutes(30 + i)))
                            .isRight())
                    .isTrue();
            long pushed = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (told.get() == before && System.nanoTime() < pushed) {
                Thread.sleep(5);
            }
            assertThat(told.get())
                    .as("save %d after the %s pushed within 1 s", i, how)
                    .isGreaterThan(before);
        }
    }

    /** How many clients the node on {@code port} counts on the shard channel {@code channel}. */
    private static long subscribers(ClusterTopology topology, int port, String channel) {
        return topology.on(port, c -> c.pubsubShardNumsub(channel)).getOrDefault(channel, 0L);
    }

    /**
     * Two instances keep one account; its session is about to expire, so one renews; at {@code
     * step} its slot's primary fails over, dies or hands the slot to another primary. Counted:
     * logins (one for the renewal, at most one more for the fault), the time from the fault's end
     * (a replica promoted, the slot moved) until both serve one token that the store also holds (at
     * most 5 s), and that neither instance stops serving.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "failover, DURING_LOGIN",
        "failover, AFTER_COMMIT",
        "kill, DURING_LOGIN",
        "kill, AFTER_COMMIT",
        "migrate, DURING_LOGIN",
        "migrate, AFTER_COMMIT"
    })
    void givenAFaultAtAStepOfARenewal_whenTwoInstancesKeepTheSession_thenAtMostOneExtraLoginAndOneTokenWithin5s(
            String how, KeepersThroughAFault.Step step) throws Exception {
        var topology = topology(false);
        var a = store(topology, false, Duration.ofSeconds(3));
        var b = store(topology, false, Duration.ofSeconds(3));
        var keepers = new KeepersThroughAFault();
        opened.add(keepers);
        var over = new AtomicReference<Instant>();
        var took = new AtomicReference<Duration>();
        var failure = new AtomicReference<Throwable>();
        var key = sessionKey(KeepersThroughAFault.DV.value());
        Runnable fault = () -> {
            try {
                int primary = topology.primaryOf(key);
                long start = System.nanoTime();
                switch (how) {
                    case "failover" -> {
                        int replica = topology.replicaOf(primary);
                        topology.failover(primary);
                        topology.awaitPrimary(replica, Duration.ofSeconds(20));
                    }
                    case "kill" -> {
                        int replica = topology.replicaOf(primary);
                        topology.kill(primary);
                        topology.awaitPrimary(replica, Duration.ofSeconds(20));
                    }
                    default -> topology.migrateSlotOf(key, primary, topology.otherPrimary(primary));
                }
                took.set(Duration.ofNanos(System.nanoTime() - start));
                over.set(Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        };
        assertThat(a.save(KeepersThroughAFault.expiring(Duration.ofSeconds(4))).isRight())
                .isTrue();
        keepers.instance(a, step, fault);
        keepers.instance(b, step, fault);
        assertThat(keepers.run(step, fault)).as("both read before the fault").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (over.get() == null && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(failure.get()).as("the fault itself").isNull();
        assertThat(over.get()).as("the fault over\n" + topology.logs()).isNotNull();
        var converged = keepers.oneTokenAfter(over.get(), a, Duration.ofSeconds(5));
        System.out.printf(
                "cluster %s %s: over in %d ms, one token %s after, %d logins%n",
                how,
                step,
                took.get().toMillis(),
                converged.map(d -> d.toMillis() + " ms").getOrElse("never (within 5 s)"),
                keepers.logins.get());
        assertThat(converged)
                .as("one token within 5 s of the fault; events " + keepers.events)
                .isNotEmpty();
        assertThat(keepers.logins.get())
                .as("the renewal's login and at most one for the fault")
                .isBetween(1, 2);
        assertThat(keepers.allServe()).isTrue();
    }
}
