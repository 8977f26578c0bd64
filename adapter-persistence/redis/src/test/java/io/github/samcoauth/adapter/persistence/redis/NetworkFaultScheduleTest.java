package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.keeping.SessionSourceService;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.application.service.ApiKeyLoginService;
import io.github.samcoauth.application.service.RefreshSessionService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.JumpingClock;
import io.github.samcoauth.testkit.LoginCounter;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random fault schedules: 2 to 4 instances keep one account on a real Redis deployment
 * ({@link FaultyServer}), with the real login and renewal services in front of a scripted Samco.
 * On one server (the embedded one, plain; Debian's on mutual TLS as README's ACL user) each
 * instance goes through its own {@link FaultyLink}, and a schedule delays, pauses (delivered late),
 * black-holes and resets each link. On Sentinel and Cluster (Debian's, as README's ACL user) it
 * fails the primary over, moves the account's slot, drops every client's connection and pauses
 * clients. On all of them it kills a node with {@code SIGKILL} (one server comes back empty; a
 * replica takes over on the others), lets an instance vanish while it may hold the lease, jumps the
 * clock past renewal windows and expiries, has Samco refuse tokens and fail. Then the faults end
 * and the fleet must hold:
 *
 * <ul>
 *   <li>never two logins at once within one life of the deployment (a lease lost with a killed node
 *       is the one overlap the design accepts, and so is one login more while Sentinel's old
 *       primary still takes writes after a {@code SENTINEL FAILOVER});
 *   <li>every live instance on the store's newest valid token within 2 s of the faults' end (10 s
 *       on Sentinel and Cluster, which first settle);
 *   <li>no instance ever hands out a token older than one it has handed out;
 *   <li>nothing half-written: the stored value reads, and the generation is a number.
 * </ul>
 *
 * {@code -Dsamco.networkFaultSchedules=N} runs N on each deployment, {@code
 * -Dsamco.networkFaultSchedules.cluster=N} (or {@code .plain}, {@code .tls-acl}, {@code .sentinel})
 * on one; {@code -Dsamco.faultSeed=S} replays one; a failure prints its seed and the deployment.
 */
class NetworkFaultScheduleTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    private static final ApiCredentials CREDENTIALS = ApiCredentials.of(
                    "U2FsdGVkX1-key-DV99999", "U2FsdGVkX1-secret-DV99999")
            .get();

    private FaultyServer redis;

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * On the embedded Redis, plain, and on Debian's redis-server over mutual TLS with README's ACL
     * user; {@code -Dsamco.networkFaultSchedules=N} schedules on each.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "tls-acl", "sentinel", "cluster"})
    void givenSeededNetworkFaultSchedules_whenInstancesKeepOneAccountThroughRedis_thenTheFleetInvariantsHold(
            String topology) throws Exception {
        redis = FaultyServer.of(topology);
        int schedules = Integer.getInteger(
                "samco.networkFaultSchedules." + topology, Integer.getInteger("samco.networkFaultSchedules", 1));
        long base = Long.getLong("samco.faultSeed", System.nanoTime());
        long started = System.nanoTime();
        for (int i = 0; i < schedules; i++) {
            long seed = base + i;
            try {
                runSchedule(seed);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(
                        "network fault schedule failed on " + topology + "; rerun with -Dsamco.faultSeed=" + seed
                                + " -Dsamco.networkFaultSchedules=1: " + e.getMessage() + "\n" + redis.logs(),
                        e);
            }
        }
        System.out.println("network fault schedules passed on " + topology + ": " + schedules + " in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s (seeds " + base + " to "
                + (base + schedules - 1) + ")");
    }

    private void runSchedule(long seed) throws Exception {
        var random = new Random(seed);
        var clock = new JumpingClock(Instant.now());
        var samco = new ScriptedSamcoApi();
        var samcoFailing = new java.util.concurrent.atomic.AtomicBoolean();
        var logins = new LoginCounter(samco, "DV99999", samcoFailing::get);
        var prefix = "faults-" + seed;
        var executor = Executors.newScheduledThreadPool(4);
        var callers = Executors.newFixedThreadPool(4);
        int count = 2 + random.nextInt(3);
        var links = new ArrayList<FaultyLink>();
        var stores = new ArrayList<RedisSessionStoreAdapter>();
        var sources = new ArrayList<SessionSourceService>();
        var alive = new ArrayList<Boolean>();
        var audit = new RecordingAuditLog();
        var settings = SessionSourceSettings.DEFAULTS
                .withCheckEvery(Duration.ofMillis(50))
                .withWaitAtMost(Duration.ofSeconds(2))
                .withRetryAfter(Duration.ofMillis(200));
        try {
            for (int i = 0; i < count; i++) {
                var link = new FaultyLink(redis.port());
                var store = redis.reachedThrough(link)
                        .encryptionKeys(KEY)
                        .keyPrefix(prefix)
                        .timeout(Duration.ofMillis(500))
                        .lockTtl(Duration.ofSeconds(1))
                        .clock(clock)
                        .build()
                        .get();
                var apiKey = new ApiKeyLoginService(samco, store, audit, clock);
                var refresh = new RefreshSessionService(samco, store, audit, clock, apiKey);
                links.add(link);
                stores.add(store);
                alive.add(true);
                sources.add(new SessionSourceService(
                        Option.some(DV),
                        store,
                        new LeasesTold(store, logins),
                        refresh,
                        Option.some(apiKey),
                        () -> Option.some(CREDENTIALS),
                        event -> {},
                        clock,
                        settings,
                        executor));
            }
            boolean vanished = false;
            for (int step = 0; step < 20; step++) {
                var link = links.get(random.nextInt(count));
                samcoFailing.set(random.nextInt(5) == 0);
                int fault = random.nextInt(12);
                if (!redis.linked() && fault <= 3) {
                    // no links to strike: the deployment's own faults instead, half as often
                    if (fault <= 1) {
                        deploymentFault("disturb", () -> redis.disturb(random, logins));
                    }
                    fault = 10;
                }
                switch (fault) {
                    case 0 -> link.delay(1 + random.nextInt(30));
                    case 1 -> link.hold();
                    case 2 -> link.blackHole();
                    case 3 -> link.reset();
                    case 4 -> links.forEach(FaultyLink::pass);
                    case 5 -> {
                        if (random.nextInt(4) == 0) {
                            logins.storeRestarted();
                            deploymentFault("crash", redis::crash);
                        }
                    }
                    case 6 -> clock.advance(Duration.ofMinutes(random.nextInt(24 * 60)));
                    case 7 -> clock.advance(Duration.ofHours(20 + random.nextInt(10)));
                    case 8 -> {
                        var one = random.nextInt(count);
                        var now = sources.get(one).session();
                        if (now.isRight()) {
                            sources.get(one).rejected(now.get().token());
                        }
                    }
                    case 9 -> {
                        // an instance vanishes, perhaps holding the lease: nothing of it reaches Redis again
                        int one = random.nextInt(count);
                        if (!vanished && count > 2) {
                            vanished = true;
                            alive.set(one, false);
                            if (redis.linked()) {
                                links.get(one).blackHole();
                            } else {
                                // its connections end with it; its lease, if any, is left to expire
                                stores.get(one).close();
                            }
                        }
                    }
                    default -> {}
                }
                Thread.sleep(random.nextInt(60));
                // every live instance asked at once, as a platform's threads do
                var asked = new ArrayList<java.util.concurrent.Future<Either<AuthError, Session>>>();
                for (int i = 0; i < count; i++) {
                    var source = sources.get(i);
                    asked.add(alive.get(i) ? callers.submit(source::session) : null);
                }
                for (int i = 0; i < count; i++) {
                    if (asked.get(i) != null) {
                        logins.handedOut(i, asked.get(i).get(10, TimeUnit.SECONDS));
                    }
                }
            }
            // the faults end: every live instance converges on the store's newest token
            samcoFailing.set(false);
            redis.heal();
            for (int i = 0; i < count; i++) {
                if (alive.get(i)) {
                    links.get(i).pass();
                }
            }
            long ended = System.nanoTime();
            // Sentinel and Cluster first settle (a promotion, the slot map read again, a node that
            // was killed back as a replica): the slowest seed seen took 5.5 s (a cluster instance
            // whose lease commands timed out until its client had the new slot map)
            long converges = redis.linked() ? 2 : 10;
            long deadline = ended + TimeUnit.SECONDS.toNanos(converges);
            var reader = stores.get(alive.indexOf(true));
            while (true) {
                var answers = new ArrayList<Either<AuthError, Session>>();
                for (int i = 0; i < count; i++) {
                    if (alive.get(i)) {
                        var answer = sources.get(i).session();
                        logins.handedOut(i, answer);
                        answers.add(answer);
                    }
                }
                var stored = reader.read(DV);
                boolean converged = stored.isRight()
                        && stored.get().session().exists(s -> s.isValidAt(clock.instant()))
                        && answers.stream()
                                .allMatch(a -> a.isRight()
                                        && a.get().equals(stored.get().session().get()));
                if (converged) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as(
                                "every live instance on the store's newest valid token within %d s after the faults:"
                                        + " %s vs %s",
                                converges, answers, stored)
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(logins.mostAtOnce())
                    .as("never two logins at once within one life of Redis")
                    .isLessThanOrEqualTo(1);
            assertThat(redis.get(prefix + ":{DV99999}:generation"))
                    .as("the generation is a number")
                    .matches("\\d+");
        } finally {
            sources.forEach(SessionSourceService::close);
            stores.forEach(RedisSessionStoreAdapter::close);
            links.forEach(FaultyLink::close);
            executor.shutdownNow();
            callers.shutdownNow();
        }
    }

    /** The store's coordination, telling {@code logins} of every lease taken (the life it belongs to). */
    private record LeasesTold(SessionCoordinationPort store, LoginCounter logins) implements SessionCoordinationPort {
        @Override
        public Either<AuthError, VersionedSession> read(AccountId account) {
            return store.read(account);
        }

        @Override
        public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
            int asked = logins.life();
            var taken = store.tryLease(account);
            taken.forEach(lease -> lease.forEach(held -> logins.leaseTaken(asked)));
            return taken;
        }

        @Override
        public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
            return store.awaitChange(account, seen, timeout);
        }

        @Override
        public Either<AuthError, Boolean> restore(Session session, long generation) {
            return store.restore(session, generation);
        }

        @Override
        public boolean watch(AccountId account, Runnable onChange) {
            return store.watch(account, onChange);
        }
    }

    /** A fault of the deployment's own (a failover, a crash), as {@link FaultyServer} makes it. */
    interface DeploymentFault {
        void apply() throws Exception;
    }

    /**
     * Applies a deployment's own fault, or none when Redis will not take it now — a failover already
     * in progress, no replica fit to promote, a topology still settling after the last one: the
     * schedule goes on with its other faults and its invariants unchanged, and says so.
     */
    static void deploymentFault(String what, DeploymentFault fault) throws Exception {
        try {
            fault.apply();
        } catch (IllegalStateException | io.lettuce.core.RedisCommandExecutionException refused) {
            var why = String.valueOf(refused.getMessage());
            System.out.println("fault not applied (" + what + "): "
                    + why.lines().findFirst().orElse(why));
        }
    }
}
