package io.github.samcoauth.application.keeping;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase.SessionWriter;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionCoordinationPort.Lease;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The fleet's protocol for one renewal: take the account's lease; its holder reads the store once
 * (another instance may just have renewed), renews at Samco and commits the new session through
 * the lease (session, generation and the lease's end in one step); every other instance waits for
 * the generation to move and takes what was committed. A failure is said once and decides when
 * another try may be made: soon when nothing reached Samco, after {@code retryAfter} for an API
 * key, never again for a refresh token that was sent (it may have been spent).
 */
final class LeasedRenewal {

    /** What the session source does with what a renewal finds. */
    interface Outcome {
        /**
         * The stored session, adopted and answered, when it is newer than {@code stale}, outside its
         * renewal window and not older than one used here already.
         */
        Option<Either<AuthError, Session>> adoptIfRenewed(Session stale, VersionedSession stored);

        /** Uses the session this instance has just committed unless a newer one is in use already; the answer now. */
        Either<AuthError, Session> adopt(Session renewed, long generation, String how);

        /** The store holds no session of the account any more. */
        Either<AuthError, Session> removed(Session stale);

        /** Whether the store is known to be away (its failures are then not said again). */
        boolean storeDown();
    }

    /** Why the last renewal of a session failed, and when another may be tried. */
    private record Failure(SessionToken token, AuthError error, long retryAt) {}

    private final SessionCoordinationPort coordination;
    private final RefreshSessionUseCase refresh;
    private final Supplier<Option<ApiCredentials>> credentials;
    private final SessionEvents events;
    private final Clock clock;
    private final SessionSourceSettings settings;
    private final Outcome outcome;
    private volatile Failure failure;

    LeasedRenewal(
            SessionCoordinationPort coordination,
            RefreshSessionUseCase refresh,
            Supplier<Option<ApiCredentials>> credentials,
            SessionEvents events,
            Clock clock,
            SessionSourceSettings settings,
            Outcome outcome) {
        this.coordination = coordination;
        this.refresh = refresh;
        this.credentials = credentials;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.outcome = outcome;
    }

    /** The last failure to renew {@code session}, while no other try may be made yet. */
    Option<AuthError> recentFailure(Session session) {
        var failed = failure;
        return failed != null && failed.token.equals(session.token()) && clock.millis() < failed.retryAt
                ? Option.some(failed.error)
                : Option.none();
    }

    /** Renews {@code stale} once for the fleet, or waits for whoever holds the lease; {@code seen}: the generation it was read at. */
    Either<AuthError, Session> run(Session stale, long seen) {
        long deadline = clock.millis() + settings.waitAtMost().toMillis();
        var id = stale.accountId();
        long known = seen;
        while (true) {
            // the lease first: its holder reads the store once; the others wait for its commit
            var lease = coordination.tryLease(id);
            if (lease.isLeft()) {
                return failed(stale, lease.getLeft(), false);
            }
            if (lease.get().isDefined()) {
                return underLease(stale, known, lease.get().get());
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                return failed(
                        stale,
                        new AuthError.Unavailable("another instance holds the renewal lease of " + id.value()
                                + " and did not finish within "
                                + settings.waitAtMost().toSeconds() + " s"),
                        false);
            }
            var waited = coordination.awaitChange(id, seen, Duration.ofMillis(Math.min(left, 1000)));
            if (waited.isLeft()) {
                return failed(stale, waited.getLeft(), false);
            }
            var read = coordination.read(id);
            if (read.isLeft()) {
                return failed(stale, read.getLeft(), false);
            }
            seen = read.get().generation();
            var renewed = outcome.adoptIfRenewed(stale, read.get());
            if (renewed.isDefined()) {
                return renewed.get();
            }
        }
    }

    /**
     * The renewal by this lease's holder. A store found empty at an older generation than {@code
     * known} lost the session (a restart, a failover that lost what was not yet replicated): that
     * is no logout, so the session in memory is renewed and committed in its place.
     */
    private Either<AuthError, Session> underLease(Session stale, long known, Lease lease) {
        var commit = new Commit(lease);
        try {
            var again = coordination.read(stale.accountId());
            if (again.isLeft()) {
                return failed(stale, again.getLeft(), false);
            }
            var renewed = outcome.adoptIfRenewed(stale, again.get());
            if (renewed.isDefined()) {
                return renewed.get();
            }
            boolean lost = again.get().session().isEmpty() && again.get().generation() < known;
            if (again.get().session().isEmpty() && !lost) {
                return outcome.removed(stale);
            }
            events.say(
                    SessionEvent.Type.RENEWING,
                    stale,
                    "renewing here by " + stale.method().label());
            // the session as stored (an OAuth session's refresh token is the store's), read once
            var stored = lost ? stale : again.get().session().get();
            var result = refresh.renew(
                    stored, stored.method() == LoginMethod.API_KEY ? credentials.get() : Option.none(), commit);
            if (result.isLeft()) {
                return failed(stale, result.getLeft(), true);
            }
            return outcome.adopt(
                    result.get(),
                    commit.generation,
                    "renewed here by " + stale.method().label());
        } finally {
            commit.releaseUnlessCommitted();
        }
    }

    /**
     * A failed renewal: said to the listener; tried again after {@code retryAfter} unless a
     * refresh token was sent (it may have been spent: never used twice).
     */
    private Either<AuthError, Session> failed(Session stale, AuthError error, boolean sent) {
        long now = clock.millis();
        long retryAt;
        if (error instanceof AuthError.NotRenewable || error instanceof AuthError.InvalidInput) {
            retryAt = Long.MAX_VALUE;
        } else if (!sent) {
            // nothing reached Samco (the store or the lease failed): free to try again soon
            retryAt = now + Math.min(settings.retryAfter().toMillis(), 1000);
        } else if (stale.method() == LoginMethod.OAUTH) {
            retryAt = Long.MAX_VALUE;
        } else {
            retryAt = now + settings.retryAfter().toMillis();
        }
        failure = new Failure(stale.token(), error, retryAt);
        if (sent || !outcome.storeDown()) {
            events.say(SessionEvent.Type.RENEWAL_FAILED, stale, error.message());
        }
        return Either.left(error);
    }

    /** A lease's commit as the renewal's writer: remembers the generation; the lease is released if nothing was committed. */
    static final class Commit implements SessionWriter {
        private final Lease lease;
        private boolean committed;
        long generation;

        Commit(Lease lease) {
            this.lease = lease;
        }

        @Override
        public Either<AuthError, Session> write(Session session) {
            var done = lease.commit(session);
            if (done.isLeft()) {
                return Either.left(done.getLeft());
            }
            committed = true;
            generation = done.get().generation();
            return Either.right(done.get().session().getOrElse(session));
        }

        void releaseUnlessCommitted() {
            if (!committed) {
                lease.release();
            }
        }
    }
}
