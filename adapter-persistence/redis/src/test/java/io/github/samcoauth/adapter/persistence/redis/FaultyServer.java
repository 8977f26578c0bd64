package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.testkit.LoginCounter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A Redis deployment that a fault schedule strikes: reached through {@link FaultyLink}s where it is
 * one server (the links' faults then apply), directly where it is several (Sentinel, Cluster: a
 * client follows the addresses the deployment announces), which then fail in their own ways.
 * Every deployment's keys are under {@code faults-*}, for README's ACL user {@code desk}.
 */
interface FaultyServer extends AutoCloseable {

    String PASSWORD = "desk-faults-password-01";

    /** {@code plain}, {@code tls-acl}, {@code sentinel} or {@code cluster}. */
    static FaultyServer of(String topology) throws Exception {
        return switch (topology) {
            case "plain" -> new Plain();
            case "tls-acl" -> new TlsWithAcl();
            case "sentinel" -> new OnSentinel();
            case "cluster" -> new OnCluster();
            default -> throw new IllegalArgumentException(topology);
        };
    }

    /** Whether the instances reach it through their links (else the links carry nothing). */
    default boolean linked() {
        return true;
    }

    /** Where the links lead. */
    int port();

    /** The store, through {@code link} where {@link #linked}, as this deployment is reached. */
    RedisSessionStoreAdapter.Builder reachedThrough(FaultyLink link);

    /**
     * A fault of the deployment short of a crash (a planned failover, a slot moved, every client's
     * connection dropped, clients paused); nothing where it is one server. Sentinel's {@code
     * SENTINEL FAILOVER} promotes the replica without stopping the old primary first, which takes
     * writes until the sentinels demote it: a lease taken there meanwhile is lost, so that window is
     * told to {@code logins} as a lossy failover. A cluster's {@code CLUSTER FAILOVER} waits for the
     * replica to catch up and loses nothing.
     */
    default void disturb(Random random, LoginCounter logins) throws Exception {}

    /**
     * A node killed with SIGKILL, as a crash does, and started again: one server comes back empty;
     * on Sentinel or Cluster a replica takes over, and what the dead primary had not passed on is
     * lost.
     */
    void crash() throws Exception;

    /** Waits until the deployment is whole again (every node up, replicas in sync). */
    default void heal() throws Exception {}

    /** {@code GET key} as an administrator, from the node that serves it. */
    String get(String key);

    /** What the nodes logged, for a failure's message. */
    default String logs() {
        return "";
    }

    @Override
    void close();

    /** README's least-privilege user, as a {@code user} line of a node's configuration. */
    static List<String> aclUser(List<String> more) {
        var rules = new ArrayList<>(List.of("desk", "on", ">" + PASSWORD, "~faults-*", "&faults-*"));
        RedisTlsTest.ACL_COMMANDS.forEach(c -> rules.add("+" + c));
        more.forEach(c -> rules.add("+" + c));
        return rules;
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** The embedded Redis, plain, no password. */
    final class Plain implements FaultyServer {
        private final LocalRedis redis = new LocalRedis();

        @Override
        public int port() {
            return redis.port();
        }

        @Override
        public RedisSessionStoreAdapter.Builder reachedThrough(FaultyLink link) {
            return RedisSessionStoreAdapter.builder().uri(link.url());
        }

        @Override
        public void crash() {
            var port = Integer.toString(redis.port());
            ProcessHandle.current()
                    .descendants()
                    .filter(p -> java.util.Arrays.asList(p.info().arguments().orElse(new String[0]))
                            .contains(port))
                    .forEach(ProcessHandle::destroyForcibly);
            redis.stop();
            redis.start();
        }

        @Override
        public String get(String key) {
            try (var raw = RedisClient.create(redis.url());
                    var connection = raw.connect()) {
                return connection.sync().get(key);
            }
        }

        @Override
        public void close() {
            redis.close();
        }
    }

    /**
     * Debian's redis-server on mutual TLS, reached as README's ACL user: the links carry TLS through
     * (a reset or a black hole mid-handshake included).
     */
    final class TlsWithAcl implements FaultyServer {
        private final Path dir;
        private final TestCertificates certificates;
        private RedisServerProcess redis;

        TlsWithAcl() throws Exception {
            RedisServerProcess.requireInstalled();
            dir = Files.createTempDirectory("samco-faults-tls");
            certificates = TestCertificates.makeIn(dir);
            var settings = new ArrayList<>(certificates.serverSettings("server", "yes", "--user"));
            settings.addAll(aclUser(List.of()));
            redis = RedisServerProcess.start(dir, true, settings);
        }

        @Override
        public int port() {
            return redis.port();
        }

        @Override
        public RedisSessionStoreAdapter.Builder reachedThrough(FaultyLink link) {
            return RedisSessionStoreAdapter.builder()
                    .uri("rediss://desk@127.0.0.1:" + link.port())
                    .password(PASSWORD)
                    .trustedCertificates(certificates.ca())
                    .clientCertificate(certificates.certificate("client"), certificates.key("client"));
        }

        @Override
        public void crash() throws Exception {
            redis = redis.restart();
        }

        @Override
        public String get(String key) {
            var client = RedisClient.create();
            try {
                client.setOptions(certificates.clientOptions());
                try (var connection = client.connect(RedisURI.create("rediss://127.0.0.1:" + port()))) {
                    return connection.sync().get(key);
                }
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }

        @Override
        public String logs() {
            return redis.log();
        }

        @Override
        public void close() {
            redis.close();
            delete(dir);
        }
    }

    /** A primary, a replica and three sentinels, reached as README's ACL user. */
    final class OnSentinel implements FaultyServer {
        private final Path dir;
        private final SentinelTopology topology;

        OnSentinel() throws Exception {
            RedisServerProcess.requireInstalled();
            dir = Files.createTempDirectory("samco-faults-sentinel");
            topology = new SentinelTopology(dir, false, null, aclUser(List.of()));
        }

        @Override
        public boolean linked() {
            return false;
        }

        @Override
        public int port() {
            return topology.primaryPort();
        }

        @Override
        public RedisSessionStoreAdapter.Builder reachedThrough(FaultyLink link) {
            return RedisSessionStoreAdapter.builder().uri(topology.url("desk")).password(PASSWORD);
        }

        @Override
        public void disturb(Random random, LoginCounter logins) throws Exception {
            int primary = topology.primaryPort();
            // a failover needs a replica in sync: after one, the old primary becomes one within ~1 s
            int fault = random.nextInt(3);
            if (fault == 0 && !topology.replicaKnown()) {
                fault = 1;
            }
            switch (fault) {
                case 0 -> {
                    logins.lossyFailoverBegins();
                    try {
                        topology.failover();
                    } catch (io.lettuce.core.RedisCommandExecutionException refused) {
                        logins.lossyFailoverEnded(); // no failover began
                        throw refused;
                    }
                    topology.awaitPromotionFrom(primary, Duration.ofSeconds(20));
                    topology.awaitDemoted(primary, Duration.ofSeconds(20));
                    logins.lossyFailoverEnded();
                }
                case 1 ->
                    topology.onDataNode(primary, c -> c.clientKill(io.lettuce.core.KillArgs.Builder.typeNormal()));
                default -> topology.onDataNode(primary, c -> c.clientPause(200 + random.nextInt(300)));
            }
        }

        @Override
        public void crash() throws Exception {
            if (!topology.replicaKnown()) {
                // no replica could take over yet: the crash waits for one
                topology.awaitReplicaKnown();
            }
            int primary = topology.primaryPort();
            topology.dataNode(primary).kill();
            try {
                topology.awaitPromotionFrom(primary, Duration.ofSeconds(20));
            } finally {
                topology.restartDataNode(primary);
            }
        }

        @Override
        public void heal() throws Exception {
            topology.awaitReplicaKnown();
        }

        @Override
        public String get(String key) {
            return topology.onDataNode(topology.primaryPort(), c -> c.get(key));
        }

        @Override
        public String logs() {
            return topology.logs();
        }

        @Override
        public void close() {
            topology.close();
            delete(dir);
        }
    }

    /** Three primaries with a replica each, reached as README's ACL user for a cluster. */
    final class OnCluster implements FaultyServer {
        private static final String SLOT_KEY = "faults-0:{DV99999}:session";

        private final Path dir;
        private final ClusterTopology topology;

        OnCluster() throws Exception {
            RedisServerProcess.requireInstalled();
            dir = Files.createTempDirectory("samco-faults-cluster");
            var more = new ArrayList<>(RedisTlsTest.CLUSTER_ACL_COMMANDS);
            more.addAll(RedisTlsTest.CLUSTER_ACL_QUIETING);
            topology = new ClusterTopology(dir, false, null, aclUser(more));
        }

        @Override
        public boolean linked() {
            return false;
        }

        @Override
        public int port() {
            return topology.primaryOf(SLOT_KEY);
        }

        @Override
        public RedisSessionStoreAdapter.Builder reachedThrough(FaultyLink link) {
            return RedisSessionStoreAdapter.builder().uri(topology.url("desk")).password(PASSWORD);
        }

        @Override
        public void disturb(Random random, LoginCounter logins) throws Exception {
            int primary = topology.primaryOf(SLOT_KEY);
            switch (random.nextInt(4)) {
                case 0 -> {
                    int replica = topology.replicaOf(primary);
                    topology.failover(primary);
                    topology.awaitPrimary(replica, Duration.ofSeconds(20));
                }
                case 1 -> topology.migrateSlotOf(SLOT_KEY, primary, topology.otherPrimary(primary));
                case 2 -> topology.on(primary, c -> c.clientKill(io.lettuce.core.KillArgs.Builder.typeNormal()));
                default -> topology.on(primary, c -> c.clientPause(200 + random.nextInt(300)));
            }
        }

        @Override
        public void crash() throws Exception {
            int primary = topology.primaryOf(SLOT_KEY);
            int replica = topology.replicaOf(primary);
            topology.kill(primary);
            try {
                topology.awaitPrimary(replica, Duration.ofSeconds(20));
            } finally {
                topology.restart(primary);
            }
            // whole again before the next fault: a slot is migrated only between primaries that agree
            topology.awaitStateOk();
        }

        @Override
        public void heal() throws Exception {
            topology.awaitStateOk();
        }

        /** Where the slot map of the node asked first is behind (a slot just moved), its MOVED is followed. */
        @Override
        public String get(String key) {
            int port = topology.primaryOf(key);
            for (int hop = 0; ; hop++) {
                try {
                    return topology.on(port, c -> c.get(key));
                } catch (io.lettuce.core.RedisCommandExecutionException e) {
                    var moved = java.util.regex.Pattern.compile("MOVED \\d+ [^:]+:(\\d+)")
                            .matcher(String.valueOf(e.getMessage()));
                    if (hop >= 5 || !moved.find()) {
                        throw e;
                    }
                    port = Integer.parseInt(moved.group(1));
                }
            }
        }

        @Override
        public String logs() {
            return topology.logs();
        }

        @Override
        public void close() {
            topology.close();
            delete(dir);
        }
    }
}
