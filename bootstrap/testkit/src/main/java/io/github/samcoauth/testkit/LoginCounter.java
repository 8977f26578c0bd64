package io.github.samcoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What a fleet test watches at Samco's {@code /session/token}: each login gets the next numbered
 * token ({@code 000…1}, {@code 000…2}, …); logins under way at once are counted per life of the
 * store (a store restarted empty loses its leases, so a login under a lost lease may overlap the
 * next one: the one overlap the design accepts); and each instance's answers must only go
 * forward.
 */
public final class LoginCounter {

    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger life = new AtomicInteger();
    private final AtomicInteger unknownLife = new AtomicInteger();
    private final ConcurrentHashMap<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final ConcurrentHashMap<Integer, Integer> highest = new ConcurrentHashMap<>();
    private final ThreadLocal<Integer> leaseLife = new ThreadLocal<>();
    private final java.util.Set<Integer> lossy = ConcurrentHashMap.newKeySet();

    /**
     * Scripts {@code samco}'s session token for {@code account}: Samco fails while {@code failing} says so.
     *
     * @param samco the scripted API
     * @param account the account whose logins are counted
     * @param failing when {@code true}, Samco fails the login
     */
    public LoginCounter(ScriptedSamcoApi samco, String account, BooleanSupplier failing) {
        samco.onSessionToken((key, secret) -> {
            // the life of the store the login's lease was taken in, where the test told it
            var taken = leaseLife.get();
            leaseLife.remove();
            int of = taken != null ? taken : life.get();
            var mine = inFlight.computeIfAbsent(of, l -> new AtomicInteger());
            int atOnce = mine.incrementAndGet() - (lossy.contains(of) ? 1 : 0);
            mostAtOnce.accumulateAndGet(atOnce, Math::max);
            try {
                Thread.sleep(1);
                if (failing.getAsBoolean()) {
                    return Either.left(new AuthError.Unavailable("Samco is slow (scheduled fault)"));
                }
                int n = issued.incrementAndGet();
                return Either.right(new LoginGrant(
                        Sessions.token(String.format("%032d", n)), Sessions.profile(account), ScriptedSamcoApi.OK));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Either.left(new AuthError.Unavailable("interrupted"));
            } finally {
                mine.decrementAndGet();
            }
        });
    }

    /**
     * This thread took the account's renewal lease now: its next login counts in the store's
     * present life, even when the store restarts before that login begins (the lease was lost with
     * it: the overlap the design accepts). A test whose store wraps {@code tryLease} says so.
     */
    public void leaseTaken() {
        leaseLife.set(life.get());
    }

    /**
     * The store's present life, to give {@link #leaseTaken(int)} when the lease asked for now is
     * granted.
     *
     * @return the life
     */
    public int life() {
        return life.get();
    }

    /**
     * This thread took the account's renewal lease, which it asked for in life {@code asked}
     * (from {@link #life()}). When the store restarted between the ask and the answer, which life
     * granted the lease is unknown (a reply of the old store may arrive after the restart is told):
     * the login under it is then counted in a life of its own, never as an overlap.
     *
     * @param asked the store's life when the lease was asked for
     */
    public void leaseTaken(int asked) {
        leaseLife.set(asked == life.get() ? asked : unknownLife.decrementAndGet());
    }

    /** The store restarted empty: its leases are gone. */
    public void storeRestarted() {
        life.incrementAndGet();
    }

    /**
     * A failover that may lose writes begins (Sentinel promotes a replica while the old primary
     * still takes writes): the leases taken from now until {@link #lossyFailoverEnded()} belong to a
     * life of their own in which one login more may overlap (the failover's one extra login the
     * design accepts). A test that calls this says {@link #leaseTaken()} on every lease.
     */
    public void lossyFailoverBegins() {
        lossy.add(life.incrementAndGet());
    }

    /** The old primary no longer takes writes: leases taken from now on are of the new one alone. */
    public void lossyFailoverEnded() {
        life.incrementAndGet();
    }

    /**
     * The most logins that were under way at once within one life of the store, beyond the one
     * extra login a lossy failover's life may have.
     *
     * @return the most at once
     */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /**
     * Records what {@code instance} answered; fails if it is older than a token it answered before.
     *
     * @param instance the instance's number
     * @param answer what it answered
     */
    public void handedOut(int instance, Either<AuthError, Session> answer) {
        if (answer.isLeft()) {
            return;
        }
        int n = Integer.parseInt(answer.get().token().value());
        int before = highest.getOrDefault(instance, 0);
        assertThat(n)
                .as("instance %s handed out token %s after token %s", instance, n, before)
                .isGreaterThanOrEqualTo(before);
        highest.put(instance, n);
    }
}
