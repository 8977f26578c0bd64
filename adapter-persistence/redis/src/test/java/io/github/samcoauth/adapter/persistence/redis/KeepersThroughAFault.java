package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.keeping.SessionSourceService;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.Renewals;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Instances keeping one account through a fault of Redis (a failover, a slot moved) at a step of a
 * renewal: the logins they make (counted), the fault run inside the first login once every
 * instance has read the session, and how long after the fault they serve one token the store holds.
 */
final class KeepersThroughAFault implements AutoCloseable {

    /** Where in the renewal the fault strikes. */
    enum Step {
        /** While the renewing instance logs in: it holds the lease. */
        DURING_LOGIN,
        /** Just after the new session is committed and published. */
        AFTER_COMMIT
    }

    static final AccountId DV = new AccountId("DV99999");

    final AtomicInteger logins = new AtomicInteger();
    final ConcurrentLinkedQueue<SessionEvent> events = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final List<SessionSourceService> sources = new ArrayList<>();
    private final CountDownLatch allRead = new CountDownLatch(1);

    /** A session of DV99999 that expires in {@code in}: due for renewal at once. */
    static Session expiring(Duration in) {
        return new Session(
                Sessions.token("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                Sessions.profile("DV99999"),
                Instant.now().minusSeconds(3600),
                Instant.now().plus(in),
                LoginMethod.API_KEY,
                Option.none());
    }

    /**
     * An instance on {@code store} whose renewal is an API-key login; the first login of all runs
     * {@code fault} there when {@code step} is {@link Step#DURING_LOGIN}, after every instance read.
     */
    SessionSourceService instance(RedisSessionStoreAdapter store, Step step, Runnable fault) {
        var source = new SessionSourceService(
                Option.some(DV),
                store,
                store,
                Renewals.by(stored -> {
                    int n = logins.incrementAndGet();
                    if (n == 1 && step == Step.DURING_LOGIN) {
                        awaitAllRead();
                        fault.run();
                    }
                    return Session.issue(
                            Sessions.token(String.format("%032d", n)),
                            Sessions.profile("DV99999"),
                            Instant.now(),
                            LoginMethod.API_KEY);
                }),
                Option::none,
                events::add,
                Clock.systemUTC(),
                SessionSourceSettings.DEFAULTS.withCheckEvery(Duration.ofMillis(50)),
                executor);
        sources.add(source);
        return source;
    }

    private void awaitAllRead() {
        try {
            allRead.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every instance reads the session (false if one cannot); then the renewal may go on, and with
     * {@link Step#AFTER_COMMIT} {@code fault} runs here once the first login is over and committed.
     */
    boolean run(Step step, Runnable fault) throws InterruptedException {
        boolean read = sources.stream().allMatch(source -> source.session().isRight());
        allRead.countDown();
        if (step == Step.AFTER_COMMIT) {
            long committed = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (logins.get() == 0 && System.nanoTime() < committed) {
                Thread.sleep(5);
            }
            // the commit follows the login by a round trip
            Thread.sleep(30);
            fault.run();
        }
        return read;
    }

    /**
     * How long after {@code since} every instance served one token, fresh, that {@code store} holds
     * too; empty when that did not happen within {@code within} of now.
     */
    Option<Duration> oneTokenAfter(Instant since, RedisSessionStoreAdapter store, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var stored = store.find(DV);
            var served = sources.stream().map(SessionSourceService::session).toList();
            if (stored.isRight()
                    && stored.get().isDefined()
                    && stored.get().get().expiresAt().isAfter(Instant.now().plusSeconds(600))
                    && served.stream()
                            .allMatch(one -> one.isRight()
                                    && one.get()
                                            .token()
                                            .equals(stored.get().get().token()))) {
                return Option.some(Duration.between(since, Instant.now()));
            }
            Thread.sleep(10);
        }
        return Option.none();
    }

    /** What one renewal cost the deployment, and how long until both instances served its token. */
    record RenewalCost(Map<String, Long> received, Option<Duration> converged, int logins) {
        long commands() {
            return CommandsReceived.commands(received);
        }
    }

    /**
     * Two instances on {@code a} and {@code b} load a session due in 4 s and subscribe; then one
     * renews it: what {@code received} counted from then until both serve the new token (and the
     * other's read after the push), and the time that took.
     */
    static RenewalCost oneRenewal(RedisSessionStoreAdapter a, RedisSessionStoreAdapter b, CommandsReceived received)
            throws InterruptedException {
        // inside the default ten-minute window in 4 s
        if (a.save(expiring(Duration.ofMinutes(10).plusSeconds(4))).isLeft()) {
            throw new IllegalStateException("the session could not be saved");
        }
        try (var keepers = new KeepersThroughAFault()) {
            keepers.instance(a, Step.AFTER_COMMIT, () -> {});
            keepers.instance(b, Step.AFTER_COMMIT, () -> {});
            if (!keepers.run(Step.DURING_LOGIN, () -> {})) {
                throw new IllegalStateException("the instances could not read the session");
            }
            Thread.sleep(700); // subscribed, the scripts loaded
            if (keepers.logins.get() > 0) {
                throw new IllegalStateException("renewed before the count began: " + keepers.events);
            }
            var before = received.read();
            long due = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (keepers.logins.get() == 0 && System.nanoTime() < due) {
                Thread.sleep(5);
            }
            var started = Instant.now();
            var converged = keepers.oneTokenAfter(started, a, Duration.ofSeconds(5));
            Thread.sleep(500); // the other instance's read after the push
            return new RenewalCost(received.since(before), converged, keepers.logins.get());
        }
    }

    /** Whether every instance still serves a session. */
    boolean allServe() {
        return sources.stream().allMatch(source -> source.session().isRight());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        sources.forEach(SessionSourceService::close);
    }
}
