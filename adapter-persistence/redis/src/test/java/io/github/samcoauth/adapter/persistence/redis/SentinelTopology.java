package io.github.samcoauth.adapter.persistence.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A primary, one replica and three sentinels (Debian's redis-server, each its own process on a free
 * loopback port), optionally all on TLS with client certificates, with an ACL user on both data
 * nodes (ACLs are not replicated: each node has its own).
 */
public final class SentinelTopology implements AutoCloseable {

    public static final String NAME = "samco";

    /** How often the tests' sentinels ask their nodes for INFO (see {@link #askForInfoEvery}). */
    static final Duration QUICK_INFO = Duration.ofMillis(200);

    /** Sentinel's own default. */
    static final Duration DEFAULT_INFO = Duration.ofSeconds(10);

    private final Path dir;
    private final boolean tls;
    private final TestCertificates certificates;
    private final List<RedisServerProcess> dataNodes = new ArrayList<>();
    private final List<RedisServerProcess> sentinels = new ArrayList<>();
    private final String sentinelPassword;

    public SentinelTopology(Path dir, boolean tls, TestCertificates certificates, List<String> aclUser)
            throws Exception {
        this(dir, tls, certificates, aclUser, null);
    }

    /**
     * As above; with {@code sentinelPassword}, every sentinel asks its clients (and the other
     * sentinels) for it ({@code requirepass}, {@code sentinel sentinel-pass}).
     */
    public SentinelTopology(
            Path dir, boolean tls, TestCertificates certificates, List<String> aclUser, String sentinelPassword)
            throws Exception {
        this.dir = dir;
        this.tls = tls;
        this.certificates = certificates;
        this.sentinelPassword = sentinelPassword;
        try {
            var primary = RedisServerProcess.start(dir, tls, nodeSettings(aclUser, List.of()));
            dataNodes.add(primary);
            dataNodes.add(RedisServerProcess.start(
                    dir,
                    tls,
                    nodeSettings(aclUser, List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())))));
            for (int i = 0; i < 3; i++) {
                var lines = sentinelPassword == null
                        ? List.<String>of()
                        : List.of("requirepass " + sentinelPassword, "sentinel sentinel-pass " + sentinelPassword);
                sentinels.add(RedisServerProcess.startSentinel(dir, tls, NAME, primary.port(), lines, tlsSettings()));
            }
            askForInfoEvery(QUICK_INFO);
            awaitReplicaKnown();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private List<String> tlsSettings() {
        if (!tls) {
            return List.of();
        }
        return certificates.serverSettings("server", "yes", "--tls-replication", "yes");
    }

    private List<String> nodeSettings(List<String> aclUser, List<String> more) {
        var settings = new ArrayList<>(tlsSettings());
        // a replica synchronised at once, not after the default 5 s of waiting for more
        settings.addAll(List.of("--repl-diskless-sync-delay", "0"));
        if (!aclUser.isEmpty()) {
            settings.add("--user");
            settings.addAll(aclUser);
        }
        settings.addAll(more);
        return settings;
    }

    /** {@code redis-sentinel://[userInfo@]sentinel,sentinel,sentinel#samco} ({@code rediss-} with TLS). */
    public String url(String userInfo) {
        var url = new StringBuilder(tls ? "rediss-sentinel://" : "redis-sentinel://");
        if (!userInfo.isEmpty()) {
            url.append(userInfo).append('@');
        }
        for (int i = 0; i < sentinels.size(); i++) {
            url.append(i == 0 ? "" : ",")
                    .append("localhost:")
                    .append(sentinels.get(i).port());
        }
        return url.append('#').append(NAME).toString();
    }

    /** The port of the primary the sentinels name now. */
    public int primaryPort() {
        for (var sentinel : sentinels) {
            if (!sentinel.isAlive()) {
                continue;
            }
            try (var client = adminClient(sentinel.port())) {
                try (var connection = client.client().connectSentinel(client.uri())) {
                    var address = connection.sync().getMasterAddrByName(NAME);
                    if (address != null) {
                        return ((java.net.InetSocketAddress) address).getPort();
                    }
                }
            } catch (RuntimeException e) {
                // the next sentinel
            }
        }
        throw new IllegalStateException("no sentinel names a primary");
    }

    /** The data nodes' ports (the primary's and the replica's). */
    List<Integer> dataPorts() {
        return dataNodes.stream().map(RedisServerProcess::port).toList();
    }

    /** The data node serving on {@code port}. */
    RedisServerProcess dataNode(int port) {
        return dataNodes.stream()
                .filter(node -> node.port() == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no data node on port " + port));
    }

    /**
     * Redis 7's {@code SENTINEL DEBUG}: each sentinel asks its nodes for INFO every {@code period}
     * (10 s by default). The tests' sentinels ask every {@link #QUICK_INFO}, so a demoted or
     * restarted primary is known as a replica in sync (and the deployment ready for the next fault)
     * within a second; what clients see of a failover does not depend on it (the promotion runs on
     * the sentinels' 1 s pings, as in production). A count of what clients cost the data nodes asks
     * for the default back: the sentinels' own INFOs are not the clients'.
     */
    void askForInfoEvery(Duration period) {
        for (var sentinel : sentinels) {
            try (var client = adminClient(sentinel.port());
                    var connection = client.client().connectSentinel(client.uri())) {
                // hello messages (how sentinels learn a new configuration from each other) as often
                var args = new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                        .add("DEBUG")
                        .add("INFO-PERIOD")
                        .add(period.toMillis())
                        // with quick INFO, 500 ms: a sentinel turns a primary it believes a replica
                        // into one (an old primary after a failover) after 4 publish periods; at
                        // 200 ms one that had not heard of a promotion yet undid it, at the default
                        // 2 s every demotion takes 8 s. With the default INFO, the default 2 s.
                        .add("PUBLISH-PERIOD")
                        .add(period.compareTo(Duration.ofSeconds(2)) >= 0 ? 2000 : 500);
                connection
                        .sync()
                        .dispatch(
                                io.lettuce.core.protocol.CommandType.SENTINEL,
                                new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                                args);
            }
        }
    }

    /**
     * {@code SENTINEL FAILOVER}: the replica is promoted without the primary failing. A failover the
     * sentinels still carry out (after a crash, they reconfigure the replicas for a while after the
     * promotion) is waited for, up to 30 s, and this one started after it; so is a replica fit to
     * be promoted (sentinels refuse while its INFO is not fresh).
     */
    public void failover() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (var client = adminClient(sentinels.get(0).port());
                    var connection = client.client().connectSentinel(client.uri())) {
                connection.sync().failover(NAME);
                return;
            } catch (io.lettuce.core.RedisCommandExecutionException e) {
                var refusal = String.valueOf(e.getMessage());
                // in progress, or no replica fit yet (its INFO not fresh after a restart): asked again
                if (!(refusal.startsWith("INPROG") || refusal.startsWith("NOGOODSLAVE"))
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the sentinels name a primary other than {@code port}; the time it took. */
    Duration awaitPromotionFrom(int port, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (primaryPort() != port) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IllegalStateException e) {
                // sentinels between two opinions
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no primary other than " + port + " within " + atMost + ":\n" + logs());
    }

    /** Waits until the data node on {@code port} is a replica (it takes no more writes). */
    void awaitDemoted(int port, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (onDataNode(port, c -> c.info("replication")).contains("role:slave")) {
                    return;
                }
            } catch (RuntimeException e) {
                // restarting, or busy: asked again
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the node on " + port + " is still a primary after " + atMost + ":\n" + logs());
    }

    /** A Lettuce client of the test (default user) to {@code port}, with TLS when the topology has it. */
    Admin adminClient(int port) {
        var uri = RedisURI.builder()
                .withHost("localhost")
                .withPort(port)
                .withSsl(tls)
                .withTimeout(Duration.ofSeconds(2))
                .build();
        if (sentinelPassword != null && sentinels.stream().anyMatch(sentinel -> sentinel.port() == port)) {
            uri.setAuthentication(sentinelPassword);
        }
        var client = RedisClient.create();
        if (tls) {
            client.setOptions(certificates.clientOptions());
        }
        return new Admin(client, uri);
    }

    record Admin(RedisClient client, RedisURI uri) implements AutoCloseable {
        @Override
        public void close() {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** The data node on {@code port} started again as it was first started (it rejoins as a replica). */
    void restartDataNode(int port) throws java.io.IOException {
        var node = dataNode(port);
        dataNodes.set(dataNodes.indexOf(node), node.restart());
    }

    /** What {@code command} returns on the data node on {@code port}, as the test's default user. */
    <T> T onDataNode(
            int port, java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        try (var admin = adminClient(port);
                var connection = admin.client().connect(admin.uri())) {
            return command.apply(connection.sync());
        }
    }

    /** Whether every sentinel sees a replica in sync with the primary now (one that could take over). */
    boolean replicaKnown() {
        for (var sentinel : sentinels) {
            try (var client = adminClient(sentinel.port());
                    var connection = client.client().connectSentinel(client.uri())) {
                boolean seen = connection.sync().replicas(NAME).stream()
                        .map(Map::entrySet)
                        .anyMatch(entries -> entries.stream()
                                .anyMatch(e -> e.getKey().equals("master-link-status")
                                        && e.getValue().equals("ok")));
                if (!seen) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every sentinel sees a replica in sync with the primary. */
    void awaitReplicaKnown() throws InterruptedException {
        // after a failover the sentinels make the old primary a replica within a few INFO periods
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (var sentinel : sentinels) {
                try (var client = adminClient(sentinel.port());
                        var connection = client.client().connectSentinel(client.uri())) {
                    var replicas = connection.sync().replicas(NAME);
                    all &= replicas.stream()
                            .map(Map::entrySet)
                            .anyMatch(entries -> entries.stream()
                                    .anyMatch(e -> e.getKey().equals("master-link-status")
                                            && e.getValue().equals("ok")));
                } catch (RuntimeException e) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the sentinels do not see a replica in sync within 30 s:\n" + logs());
    }

    public String logs() {
        var all = new StringBuilder();
        for (var node : dataNodes) {
            all.append("--- data node ").append(node.port()).append('\n').append(tail(node.log()));
        }
        for (var sentinel : sentinels) {
            all.append("--- sentinel ").append(sentinel.port()).append('\n').append(tail(sentinel.log()));
        }
        return all.toString();
    }

    private static String tail(String log) {
        return log.length() <= 3000 ? log : log.substring(log.length() - 3000);
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServerProcess::close);
        dataNodes.forEach(RedisServerProcess::close);
    }
}
