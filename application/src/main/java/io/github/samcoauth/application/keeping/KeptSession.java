package io.github.samcoauth.application.keeping;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What one instance knows of its account's session: the snapshot in use (read on the hot path
 * without a lock), the answer while there is none, the newest session it has ever used (it never
 * goes back to an older one), and whether the store is away. Every change is made here, under one
 * lock, and says {@code renewed} once per new session.
 */
final class KeptSession implements FirstLogin.Adoption, LeasedRenewal.Outcome {

    private final SessionEvents events;
    private final Clock clock;
    private final Duration refreshBefore;
    private final Object lock = new Object();

    private volatile Snapshot current;
    private volatile Either<AuthError, Session> missing;
    private volatile Instant newest = Instant.MIN;
    private volatile boolean storeDown;

    KeptSession(Option<AccountId> account, SessionEvents events, Clock clock, Duration refreshBefore) {
        this.events = events;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
        this.missing = Either.left(new AuthError.NoSession(account));
    }

    /** The snapshot in use; null when none is. */
    Snapshot current() {
        return current;
    }

    /** The answer while no session is in use. */
    Either<AuthError, Session> missing() {
        return missing;
    }

    /** The answer now: the session in use, or why there is none. */
    Either<AuthError, Session> answer() {
        var snapshot = current;
        return snapshot != null ? snapshot.answer() : missing;
    }

    /** Runs {@code change} under the lock every change takes. */
    <T> T locked(java.util.function.Supplier<T> change) {
        synchronized (lock) {
            return change.get();
        }
    }

    /** No session is in use: {@code why} is answered. */
    void none(Either<AuthError, Session> why) {
        synchronized (lock) {
            current = null;
            missing = why;
        }
    }

    /** No session is in use because the store holds none of {@code account}. */
    void noneStored(AccountId account) {
        none(Either.left(new AuthError.NoSession(Option.of(account))));
    }

    /** Whether {@code stored} was issued before a session this instance has used already. */
    boolean older(Session stored) {
        return stored.issuedAt().isBefore(newest);
    }

    /**
     * Uses {@code session} from now on, unless it was issued before a session used here already: an
     * instance never goes back (a renewal's own login may end after a newer session, committed by
     * another instance, was adopted here). {@code renewed} is said once per new session: a renewal's
     * own commit, seen again by a check, is not a second one.
     *
     * @return the answer now: {@code session}, or what is in use instead of an older one
     */
    @Override
    public Either<AuthError, Session> adopt(Session session, long generation, String how) {
        synchronized (lock) {
            var before = current;
            if (older(session)) {
                return answer();
            }
            current = Snapshot.of(session, generation, refreshBefore);
            if (session.issuedAt().isAfter(newest)) {
                newest = session.issuedAt();
            }
            if (before != null && !before.sameAs(session)) {
                events.renewed(session, how);
            }
            return current.answer();
        }
    }

    /** The same session, read at another generation. */
    void regenerate(Snapshot snapshot, long generation) {
        synchronized (lock) {
            if (current == snapshot && !snapshot.isRefused()) {
                current = Snapshot.of(snapshot.session(), generation, refreshBefore);
            }
        }
    }

    /** Samco refused {@code snapshot}'s token: it is renewed by the next caller and served to none; {@code revoked} once. */
    void refuse(Snapshot snapshot) {
        synchronized (lock) {
            if (current == snapshot && !snapshot.isRefused()) {
                current = snapshot.refused();
                events.revoked(snapshot.session());
            }
        }
    }

    @Override
    public Option<Either<AuthError, Session>> ifValid(VersionedSession stored, String how) {
        if (stored.session().isEmpty()
                || !stored.session().get().isValidAt(clock.instant())
                || older(stored.session().get())) {
            return Option.none();
        }
        var session = stored.session().get();
        synchronized (lock) {
            if (current == null || !current.sameAs(session)) {
                adopt(session, stored.generation(), how);
                events.renewed(session, how);
            }
        }
        return Option.some(Either.right(session));
    }

    @Override
    public Option<Either<AuthError, Session>> adoptIfRenewed(Session stale, VersionedSession stored) {
        if (stored.session().isEmpty()) {
            return Option.none();
        }
        var session = stored.session().get();
        var snapshot = Snapshot.of(session, stored.generation(), refreshBefore);
        if (session.token().equals(stale.token()) || clock.millis() >= snapshot.refreshAt() || older(session)) {
            return Option.none();
        }
        synchronized (lock) {
            if (current == null || !current.sameAs(session)) {
                adopt(session, stored.generation(), "renewed by another instance");
            }
        }
        return Option.some(Either.right(session));
    }

    @Override
    public Either<AuthError, Session> removed(Session stale) {
        synchronized (lock) {
            if (current != null && current.sameAs(stale)) {
                current = null;
                missing = Either.left(new AuthError.NoSession(Option.some(stale.accountId())));
                events.say(SessionEvent.Type.REMOVED, stale, "the session was removed from the store");
            }
            return missing;
        }
    }

    @Override
    public boolean storeDown() {
        return storeDown;
    }

    /** Records whether the store answers; {@code true} when that changed. */
    boolean storeDown(boolean down) {
        boolean was = storeDown;
        storeDown = down;
        return was != down;
    }
}
