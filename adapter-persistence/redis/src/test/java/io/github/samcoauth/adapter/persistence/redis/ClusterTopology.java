package io.github.samcoauth.adapter.persistence.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A Redis Cluster of three primaries and three replicas (Debian's redis-server, each its own
 * process on free loopback ports, made one cluster by {@code redis-cli --cluster create}),
 * optionally all on TLS with client certificates, with an ACL user on every node.
 */
public final class ClusterTopology implements AutoCloseable {

    private static final Path CLI = Path.of(System.getenv().getOrDefault("SAMCO_REDIS_CLI", "/usr/bin/redis-cli"));

    private final Path dir;
    private final boolean tls;
    private final TestCertificates certificates;
    private final List<RedisServerProcess> nodes = new ArrayList<>();
    private RedisClient admin;

    public ClusterTopology(Path dir, boolean tls, TestCertificates certificates, List<String> aclUser)
            throws Exception {
        this.dir = dir;
        this.tls = tls;
        this.certificates = certificates;
        try {
            for (int i = 0; i < 6; i++) {
                var settings = new ArrayList<>(tlsSettings());
                settings.addAll(List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file",
                                dir.resolve("nodes-" + UUID.randomUUID() + ".conf")
                                        .toString(),
                        "--cluster-node-timeout", "1000",
                        // replicas synchronised at once, not after the default 5 s of waiting for more
                        "--repl-diskless-sync-delay", "0",
                        "--cluster-port", Integer.toString(RedisServerProcess.freePort())));
                if (!aclUser.isEmpty()) {
                    settings.add("--user");
                    settings.addAll(aclUser);
                }
                nodes.add(RedisServerProcess.start(dir, tls, settings));
            }
            var create = new ArrayList<>(List.of(CLI.toString()));
            create.addAll(cliTls());
            create.addAll(List.of("--cluster", "create"));
            nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            run(create);
            awaitStateOk();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private List<String> tlsSettings() {
        if (!tls) {
            return List.of();
        }
        return certificates.serverSettings("server", "yes", "--tls-replication", "yes", "--tls-cluster", "yes");
    }

    private List<String> cliTls() {
        if (!tls) {
            return List.of();
        }
        return List.of(
                "--tls",
                "--cacert",
                certificates.ca().toString(),
                "--cert",
                certificates.certificate("client").toString(),
                "--key",
                certificates.key("client").toString());
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + said);
        }
        return said;
    }

    /** {@code redis-cluster://[userInfo@]primary,primary,primary} ({@code rediss-} with TLS). */
    public String url(String userInfo) {
        var url = new StringBuilder(tls ? "rediss-cluster://" : "redis-cluster://");
        if (!userInfo.isEmpty()) {
            url.append(userInfo).append('@');
        }
        for (int i = 0; i < 3; i++) {
            url.append(i == 0 ? "" : ",")
                    .append("localhost:")
                    .append(nodes.get(i).port());
        }
        return url.toString();
    }

    /** What {@code command} returns on the node serving {@code port}, as the test's default user. */
    public <T> T on(int port, Function<RedisCommands<String, String>, T> command) {
        var uri = RedisURI.builder()
                .withHost("localhost")
                .withPort(port)
                .withSsl(tls)
                .withTimeout(Duration.ofSeconds(5))
                .build();
        try (var connection = admin().connect(uri)) {
            return command.apply(connection.sync());
        }
    }

    private synchronized RedisClient admin() {
        if (admin == null) {
            admin = RedisClient.create();
            if (tls) {
                admin.setOptions(certificates.clientOptions());
            }
        }
        return admin;
    }

    /** The node the whole cluster names as serving {@code key}'s slot, as its port. */
    public int primaryOf(String key) {
        int slot = SlotHash.getSlot(key);
        for (var node : live()) {
            try {
                var slots = on(node.port(), c -> c.clusterSlots());
                for (var range : slots) {
                    var entry = (List<?>) range;
                    long from = (Long) entry.get(0);
                    long to = (Long) entry.get(1);
                    if (slot >= from && slot <= to) {
                        return ((Long) ((List<?>) entry.get(2)).get(1)).intValue();
                    }
                }
            } catch (RuntimeException e) {
                // ask the next node
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** The node's own id ({@code CLUSTER MYID}). */
    public String idOf(int port) {
        return on(port, RedisCommands::clusterMyId);
    }

    /**
     * The replica of the primary on {@code port}, waited for up to 20 s: a node restarted after a
     * crash is a replica of its successor only once the cluster has told it so. A primary left with
     * none (its replica promoted, the old primary back as a primary without slots) is given one.
     */
    public int replicaOf(int primaryPort) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        long repairAt = System.nanoTime() + java.time.Duration.ofSeconds(2).toNanos();
        while (true) {
            int replica = replicaNow(primaryPort);
            if (replica > 0) {
                return replica;
            }
            if (System.nanoTime() > repairAt) {
                replicateSlotlessPrimaries();
                repairAt = System.nanoTime() + java.time.Duration.ofSeconds(2).toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no replica of " + primaryPort + " within 20 s:\n" + logs());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a replica of " + primaryPort);
            }
        }
    }

    /**
     * Each primary that holds slots and has no replica gets one: a primary that holds none (a primary
     * killed and restarted after its slots moved on, which Redis leaves a primary when its slots were
     * migrated away before it came back) is told {@code CLUSTER REPLICATE}. The faults need every
     * primary with a replica; a real operator would do the same.
     */
    void replicateSlotlessPrimaries() {
        java.util.List<String[]> nodes;
        try {
            nodes = on(live().get(0).port(), c -> c.clusterNodes())
                    .lines()
                    .map(line -> line.split(" "))
                    .toList();
        } catch (RuntimeException e) {
            return; // asked again on the next wait
        }
        var withSlots = new ArrayList<String>();
        var slotless = new ArrayList<String[]>();
        var replicated = new java.util.HashSet<String>();
        for (var fields : nodes) {
            if (fields.length < 8 || fields[2].contains("fail") || fields[2].contains("handshake")) {
                continue;
            }
            if (fields[2].contains("master")) {
                if (fields.length > 8) {
                    withSlots.add(fields[0]);
                } else {
                    slotless.add(fields);
                }
            } else if (fields[2].contains("slave")) {
                replicated.add(fields[3]);
            }
        }
        var spare = slotless.iterator();
        for (var primary : withSlots) {
            if (!replicated.contains(primary) && spare.hasNext()) {
                var address = spare.next()[1];
                int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
                try {
                    on(port, c -> c.clusterReplicate(primary));
                } catch (RuntimeException e) {
                    // asked again on the next wait
                }
            }
        }
    }

    /** The replica of the primary on {@code port} now; 0 when none is. */
    private int replicaNow(int primaryPort) {
        var id = idOf(primaryPort);
        for (var node : live()) {
            if (node.port() == primaryPort) {
                continue;
            }
            var info = on(node.port(), c -> c.info("replication"));
            if (info.contains("role:slave")
                    && on(node.port(), c -> c.clusterNodes())
                            .lines()
                            .anyMatch(line -> line.contains("myself") && line.contains(id))) {
                return node.port();
            }
        }
        return 0;
    }

    /** Every node's port. */
    public List<Integer> ports() {
        return nodes.stream().map(RedisServerProcess::port).toList();
    }

    /** A primary other than {@code port}. */
    public int otherPrimary(int port) {
        for (var node : live()) {
            if (node.port() != port && isPrimary(node.port())) {
                return node.port();
            }
        }
        throw new IllegalStateException("no other primary");
    }

    /**
     * {@code CLUSTER FAILOVER} on the replica of the primary on {@code primaryPort}: a planned
     * failover, asked again (up to three times) when Redis lets one time out.
     */
    public void failover(int primaryPort) throws InterruptedException {
        int replica = replicaOf(primaryPort);
        // a manual failover right after another may time out (the primary is still settling): asked again
        for (int attempt = 0; attempt < 3; attempt++) {
            on(replica, c -> c.clusterFailover(false));
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                if (isPrimary(replica)) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }

    /** The node on {@code port} started again with its configuration file: it rejoins the cluster. */
    public void restart(int port) throws IOException {
        var node = node(port);
        nodes.set(nodes.indexOf(node), node.restart());
    }

    /** Ends the node on {@code port} at once ({@code kill -9}). */
    public void kill(int port) {
        node(port).kill();
    }

    /**
     * Moves {@code key}'s slot, with its keys, from the primary on {@code from} to the one on {@code
     * to}, as {@code redis-cli --cluster reshard} does: IMPORTING, MIGRATING, MIGRATE, then NODE.
     */
    public void migrateSlotOf(String key, int from, int to) {
        int slot = SlotHash.getSlot(key);
        var fromId = idOf(from);
        var toId = idOf(to);
        on(to, c -> c.clusterSetSlotImporting(slot, fromId));
        on(from, c -> c.clusterSetSlotMigrating(slot, toId));
        while (true) {
            var keys = on(from, c -> c.clusterGetKeysInSlot(slot, 100));
            if (keys.isEmpty()) {
                break;
            }
            on(from, c -> c.migrate("127.0.0.1", to, 0, 5000, io.lettuce.core.MigrateArgs.Builder.keys(keys)));
        }
        for (var node : live()) {
            if (isPrimary(node.port())) {
                on(node.port(), c -> c.clusterSetSlotNode(slot, toId));
            }
        }
    }

    private boolean isPrimary(int port) {
        return on(port, c -> c.info("replication")).contains("role:master");
    }

    /**
     * Waits until every live node says {@code cluster_state:ok} and every replica is in sync with
     * its primary (a replica never synchronised cannot take over). A cluster that is not says, node
     * by node, what it was waiting for.
     */
    public void awaitStateOk() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        var waitingFor = new StringBuilder();
        while (System.nanoTime() < deadline) {
            waitingFor.setLength(0);
            for (var node : live()) {
                try {
                    var info = on(node.port(), c -> c.clusterInfo());
                    var replication = on(node.port(), c -> c.info("replication"));
                    if (!info.contains("cluster_state:ok")) {
                        waitingFor.append(node.port()).append(": cluster_state not ok; ");
                    }
                    if (!replication.contains("role:master") && !replication.contains("master_link_status:up")) {
                        waitingFor.append(node.port()).append(": a replica whose link to its primary is down; ");
                    }
                } catch (RuntimeException e) {
                    waitingFor.append(node.port()).append(": ").append(e).append("; ");
                }
            }
            if (waitingFor.length() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the cluster is not ok within 60 s (" + waitingFor + "):\n" + logs());
    }

    /** Waits until the node on {@code port} says it is a primary; the time it took. */
    public Duration awaitPrimary(int port, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (on(port, c -> c.info("replication")).contains("role:master")) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (RuntimeException e) {
                // not answering yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(port + " is no primary within " + atMost + ":\n" + logs());
    }

    private RedisServerProcess node(int port) {
        return nodes.stream()
                .filter(node -> node.port() == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node on port " + port));
    }

    private List<RedisServerProcess> live() {
        return nodes.stream().filter(RedisServerProcess::isAlive).toList();
    }

    public String logs() {
        var all = new StringBuilder();
        for (var node : nodes) {
            var log = node.log();
            all.append("--- node ")
                    .append(node.port())
                    .append('\n')
                    .append(log.length() <= 2000 ? log : log.substring(log.length() - 2000));
        }
        return all.toString();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (admin != null) {
                admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        nodes.forEach(RedisServerProcess::close);
    }
}
