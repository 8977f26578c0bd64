package io.github.samcoauth.application.keeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.application.service.ApiKeyLoginService;
import io.github.samcoauth.application.service.RefreshSessionService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.JumpingClock;
import io.github.samcoauth.testkit.LoginCounter;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Seeded random fault schedules over two to four instances sharing one store: the store fails or
 * lags at random, Samco fails or is slow at random, the clock jumps past renewal windows and
 * expiries, the store restarts empty, Samco revokes the token in use. Whatever the schedule:
 * never two logins at once, no instance ever hands out a token older than one it already handed
 * out, and once the faults end every instance is on the store's newest token. A failing schedule
 * prints its seed; {@code -Dsamco.faultSchedules=N} runs more of them (CI runs 200).
 */
class FaultScheduleTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final Instant T0 = Instant.parse("2025-01-13T04:40:40Z");
    private static final ApiCredentials CREDENTIALS = ApiCredentials.of(
                    "U2FsdGVkX1-key-DV99999", "U2FsdGVkX1-secret-DV99999")
            .get();

    /** One instance's view of the shared store, failing or lagging when the schedule says so. */
    static final class FaultyStore implements SessionStorePort, SessionCoordinationPort {
        private final InMemorySessionStore store;
        private final Random random;
        private final LoginCounter logins;
        private volatile double failing;

        FaultyStore(InMemorySessionStore store, long seed) {
            this(store, seed, null);
        }

        /** With {@code logins} told of every lease taken (or none to tell). */
        FaultyStore(InMemorySessionStore store, long seed, LoginCounter logins) {
            this.store = store;
            this.random = new Random(seed);
            this.logins = logins;
        }

        void failing(double probability) {
            this.failing = probability;
        }

        private <T> Either<AuthError, T> faulty(java.util.function.Supplier<Either<AuthError, T>> call) {
            boolean fail;
            synchronized (random) {
                fail = random.nextDouble() < failing;
            }
            return fail
                    ? Either.left(
                            new AuthError.StorageFailure("Redis could not answer (scheduled fault)", Option.none()))
                    : call.get();
        }

        @Override
        public Either<AuthError, Session> save(Session session) {
            return faulty(() -> store.save(session));
        }

        @Override
        public Either<AuthError, Option<Session>> find(AccountId account) {
            return faulty(() -> store.find(account));
        }

        @Override
        public Either<AuthError, List<Session>> findAll() {
            return faulty(store::findAll);
        }

        @Override
        public Either<AuthError, Boolean> delete(AccountId account) {
            return faulty(() -> store.delete(account));
        }

        @Override
        public Either<AuthError, VersionedSession> read(AccountId account) {
            return faulty(() -> store.read(account));
        }

        @Override
        public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
            if (logins == null) {
                return faulty(() -> store.tryLease(account)).map(taken -> taken.map(FaultyLease::new));
            }
            // the login under this lease belongs to the store's life the lease was granted in: the
            // grant and its telling are one step for a restart (which takes the same monitor), or a
            // lease of the old life could be told in the new one and seem to overlap its logins
            synchronized (logins) {
                return faulty(() -> store.tryLease(account)).map(taken -> {
                    taken.forEach(lease -> logins.leaseTaken());
                    return taken.map(FaultyLease::new);
                });
            }
        }

        /**
         * A lease whose commit may fail before it writes; a release that fails would leave the lease
         * held for good in memory (a store's lease lapses by itself), so this one is released
         * however the schedule goes.
         */
        private final class FaultyLease implements Lease {
            private final Lease lease;

            FaultyLease(Lease lease) {
                this.lease = lease;
            }

            @Override
            public AccountId account() {
                return lease.account();
            }

            @Override
            public Either<AuthError, VersionedSession> commit(Session session) {
                return faulty(() -> lease.commit(session));
            }

            @Override
            public Either<AuthError, Boolean> release() {
                return lease.release();
            }
        }

        @Override
        public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
            return faulty(() -> store.awaitChange(account, seen, Duration.ofMillis(Math.min(timeout.toMillis(), 20))));
        }

        @Override
        public Either<AuthError, Boolean> restore(Session session, long generation) {
            return faulty(() -> store.restore(session, generation));
        }
    }

    @Test
    void givenSeededFaultSchedules_whenInstancesKeepOneAccount_thenTheFleetInvariantsHold() throws Exception {
        int schedules = Integer.getInteger("samco.faultSchedules", 12);
        long base = Long.getLong("samco.faultSeed", System.nanoTime());
        for (int i = 0; i < schedules; i++) {
            long seed = base + i;
            try {
                runSchedule(seed);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(
                        "fault schedule failed; rerun with -Dsamco.faultSeed=" + seed + " -Dsamco.faultSchedules=1: "
                                + e.getMessage(),
                        e);
            }
        }
        System.out.println(
                "fault schedules passed: " + schedules + " (seeds " + base + " to " + (base + schedules - 1) + ")");
    }

    private void runSchedule(long seed) throws Exception {
        var random = new Random(seed);
        var clock = new JumpingClock(T0);
        var shared = new InMemorySessionStore();
        var samco = new ScriptedSamcoApi();
        var samcoFailing = new java.util.concurrent.atomic.AtomicReference<Double>(0.0);
        var samcoRandom = new Random(seed * 31 + 7);
        var logins = new LoginCounter(samco, "DV99999", () -> {
            synchronized (samcoRandom) {
                return samcoRandom.nextDouble() < samcoFailing.get();
            }
        });
        var executor = Executors.newScheduledThreadPool(4);
        int count = 2 + random.nextInt(3);
        var stores = new ArrayList<FaultyStore>();
        var sources = new ArrayList<SessionSourceService>();
        var audit = new RecordingAuditLog();
        // a failed renewal is tried again after 200 ms here (30 s by default), so that the fleet can
        // converge within the test's 5 s once the faults end
        var settings = SessionSourceSettings.DEFAULTS
                .withCheckEvery(Duration.ofMillis(5))
                .withWaitAtMost(Duration.ofSeconds(2))
                .withRetryAfter(Duration.ofMillis(200));
        try {
            for (int i = 0; i < count; i++) {
                var view = new FaultyStore(i == 0 ? shared : shared.sharingState(), seed * 17 + i, logins);
                var apiKey = new ApiKeyLoginService(samco, view, audit, clock);
                var refresh = new RefreshSessionService(samco, view, audit, clock, apiKey);
                stores.add(view);
                sources.add(new SessionSourceService(
                        Option.some(DV),
                        view,
                        view,
                        refresh,
                        Option.some(apiKey),
                        () -> Option.some(CREDENTIALS),
                        event -> {},
                        clock,
                        settings,
                        executor));
            }
            for (int step = 0; step < 40; step++) {
                double storeFaults = random.nextInt(3) == 0 ? random.nextDouble() * 0.5 : 0;
                stores.forEach(s -> s.failing(storeFaults));
                samcoFailing.set(random.nextInt(4) == 0 ? random.nextDouble() * 0.5 : 0.0);
                switch (random.nextInt(6)) {
                    case 0 -> clock.advance(Duration.ofMinutes(random.nextInt(24 * 60)));
                    case 1 -> clock.advance(Duration.ofHours(20 + random.nextInt(10)));
                    case 2 -> {
                        // one step for a lease being granted (see FaultyStore.tryLease)
                        synchronized (logins) {
                            logins.storeRestarted();
                            shared.forgetEverything();
                        }
                    }
                    case 3 -> {
                        var one = sources.get(random.nextInt(count));
                        var now = one.session();
                        if (now.isRight()) {
                            one.rejected(now.get().token());
                        }
                    }
                    default -> Thread.sleep(random.nextInt(10));
                }
                for (int i = 0; i < count; i++) {
                    logins.handedOut(i, sources.get(i).session());
                }
            }
            // the faults end: every instance converges on the store's newest token
            stores.forEach(s -> s.failing(0));
            samcoFailing.set(0.0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                var answers = new ArrayList<Either<AuthError, Session>>();
                for (int i = 0; i < count; i++) {
                    var answer = sources.get(i).session();
                    logins.handedOut(i, answer);
                    answers.add(answer);
                }
                var stored = shared.find(DV).get();
                boolean converged = stored.isDefined()
                        && stored.get().isValidAt(clock.instant())
                        && answers.stream().allMatch(a -> a.isRight() && a.get().equals(stored.get()));
                if (converged) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as(
                                "every instance on the store's newest valid token within 5 s after the faults: %s vs %s",
                                answers, stored)
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(logins.mostAtOnce())
                    .as("never two logins at once under one lifetime of the store")
                    .isLessThanOrEqualTo(1);
        } finally {
            sources.forEach(SessionSourceService::close);
            executor.shutdownNow();
        }
    }
}
