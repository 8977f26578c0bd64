package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.keeping.SessionSourceService;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.Renewals;
import io.github.samcoauth.testkit.Sessions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

/**
 * What a fleet costs Redis, counted by Redis itself ({@code INFO commandstats}): 50 simulated
 * instances (each its own store client and executor) keep the same accounts (20, or 1) on one Redis.
 *
 * <ul>
 *   <li>{@code idleCommands}: 30 s in which nothing happens; the score is the Redis commands per
 *       second per instance per account (the goal: at most 1), printed with each command's count.
 *   <li>{@code renewalCommands}: one account's session is refused by Samco on one instance and
 *       renewed for the fleet; the score is the Redis commands one renewal costs, all instances
 *       together, until every instance holds the new session (printed apart: the commands until the
 *       renewing instance held it). Read with one account kept: with 20, the fleet's idle reads
 *       during the renewal are counted too.
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FleetIdleBenchmark {

    static final int INSTANCES = 50;

    /** Accounts every instance keeps: 20 for the idle count, 1 for a renewal's (idle reads would blur it). */
    @Param({"20", "1"})
    public int accountsKept;

    private RedisServer redis;
    private RedisClient statsClient;
    private StatefulRedisConnection<String, String> stats;
    private final List<RedisSessionStoreAdapter> stores = new ArrayList<>();
    private final List<ScheduledExecutorService> executors = new ArrayList<>();
    private final List<List<SessionSourceService>> sources = new ArrayList<>();
    private final List<AccountId> accounts = new ArrayList<>();
    private int renewals;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("maxclients 1000")
                .build();
        redis.start();
        statsClient = RedisClient.create("redis://127.0.0.1:" + port);
        stats = statsClient.connect();
        var key = RedisSessionStoreAdapter.newEncryptionKey();
        for (int a = 0; a < accountsKept; a++) {
            accounts.add(new AccountId(String.format("DV%05d", a)));
        }
        for (int i = 0; i < INSTANCES; i++) {
            var store = RedisSessionStoreAdapter.builder()
                    .uri("redis://127.0.0.1:" + port)
                    .encryptionKeys(key)
                    .build()
                    .get();
            stores.add(store);
            var executor = Executors.newScheduledThreadPool(1);
            executors.add(executor);
            var mine = new ArrayList<SessionSourceService>();
            for (var account : accounts) {
                if (i == 0) {
                    store.save(session(account, 0));
                }
                var source = new SessionSourceService(
                        Option.some(account),
                        store,
                        store,
                        Renewals.by(stale -> session(stale.accountId(), ++renewals)),
                        Option::none,
                        event -> {},
                        Clock.systemUTC(),
                        SessionSourceSettings.DEFAULTS,
                        executor);
                source.session();
                mine.add(source);
            }
            sources.add(mine);
        }
        Thread.sleep(2_000); // subscriptions made, first reads done
    }

    private static Session session(AccountId account, int n) {
        return Session.issue(
                Sessions.token(String.format("%032d", n)),
                Sessions.profile(account.value()),
                Instant.now(),
                LoginMethod.API_KEY);
    }

    /** Redis's own count of the commands it ran, per command, less the ones this benchmark sends to count them. */
    private java.util.Map<String, Long> perCommand() {
        var counts = new java.util.TreeMap<String, Long>();
        for (var line : stats.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                var calls = line.substring(line.indexOf("calls=") + 6);
                counts.put(
                        line.substring("cmdstat_".length(), line.indexOf(':')),
                        Long.parseLong(calls.substring(0, calls.indexOf(','))));
            }
        }
        return counts;
    }

    private long commands() {
        return perCommand().values().stream().mapToLong(Long::longValue).sum();
    }

    private java.util.Map<String, Long> since(java.util.Map<String, Long> before) {
        var delta = new java.util.TreeMap<String, Long>();
        perCommand().forEach((command, calls) -> {
            long grew = calls - before.getOrDefault(command, 0L);
            if (grew > 0) {
                delta.put(command, grew);
            }
        });
        return delta;
    }

    @Benchmark
    public double idleCommands() throws InterruptedException {
        var before = perCommand();
        long started = System.nanoTime();
        Thread.sleep(30_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        var delta = since(before);
        long total = delta.values().stream().mapToLong(Long::longValue).sum();
        double perInstancePerAccount = total / seconds / INSTANCES / accountsKept;
        System.out.printf(
                "%nidle: %.4f Redis commands per second per instance per account (%d instances x %d accounts, %.1f s:"
                        + " %s)%n",
                perInstancePerAccount, INSTANCES, accountsKept, seconds, delta);
        return perInstancePerAccount;
    }

    @Benchmark
    public double renewalCommands() throws InterruptedException {
        var account = accountsKept - 1;
        var refused = sources.get(0).get(account).session().get();
        var beforeEach = perCommand();
        long before = commands();
        sources.get(0).get(account).rejected(refused.token());
        var renewed = sources.get(0).get(account).session();
        long holderDone = commands() - before;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (var instance : sources) {
            while (!instance.get(account).session().equals(renewed) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(200);
        long fleet = commands() - before;
        System.out.printf(
                "%nrenewal (%d accounts kept): %d Redis commands until the renewing instance held the new session,"
                        + " %d for the whole fleet of %d until every instance held it (%.2f per instance): %s%n",
                accountsKept, holderDone, fleet, INSTANCES, (double) fleet / INSTANCES, since(beforeEach));
        return fleet;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sources.forEach(list -> list.forEach(SessionSourceService::close));
        executors.forEach(ScheduledExecutorService::shutdownNow);
        stores.forEach(RedisSessionStoreAdapter::close);
        stats.close();
        statsClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        redis.stop();
    }
}
