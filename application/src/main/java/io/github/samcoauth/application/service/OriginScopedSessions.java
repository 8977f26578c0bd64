package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Origin;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * A store seen from one Samco API: every session saved through it is marked as made at {@code
 * origin}, and a stored session of another origin is not there at all, so its token is never sent
 * to this API. Naming such an account says so, with both origins.
 */
public final class OriginScopedSessions implements SessionStorePort, SessionCoordinationPort {

    private final SessionStorePort store;
    private final SessionCoordinationPort coordination;
    private final Origin origin;

    /**
     * The store and its renewal protocol, seen from {@code origin}.
     *
     * @param store where sessions are kept
     * @param coordination the store's renewal protocol
     * @param origin the Samco API this view belongs to
     */
    public OriginScopedSessions(SessionStorePort store, SessionCoordinationPort coordination, Origin origin) {
        this.store = Objects.requireNonNull(store, "store");
        this.coordination = Objects.requireNonNull(coordination, "coordination");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * The Samco API this view belongs to.
     *
     * @return the origin
     */
    public Origin origin() {
        return origin;
    }

    private boolean ours(Session session) {
        return session.origin().equals(origin);
    }

    @Override
    public Either<AuthError, Session> save(Session session) {
        return store.save(session.at(origin));
    }

    /** The account's session made at this origin; a session made elsewhere is a {@code NoSession} that names both. */
    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        return store.find(account)
                .flatMap(found -> found.isEmpty() || ours(found.get())
                        ? Either.right(found)
                        : Either.left(elsewhere(account, found.get().origin())));
    }

    private AuthError elsewhere(AccountId account, Origin stored) {
        return new AuthError.NoSession(
                Option.some(account),
                Option.some("its stored session was made at " + stored + ", not at " + origin
                        + " (a session is never sent to another origin: log in at " + origin
                        + ", or use --base-url " + stored + ")"));
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        return store.findAll().map(all -> all.filter(this::ours));
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        return store.find(account)
                .flatMap(
                        found -> found.isDefined() && !ours(found.get()) ? Either.right(false) : store.delete(account));
    }

    @Override
    public Either<AuthError, Boolean> checkWritable() {
        return store.checkWritable();
    }

    @Override
    public Either<AuthError, VersionedSession> read(AccountId account) {
        return coordination
                .read(account)
                .map(read -> read.session().exists(s -> !ours(s))
                        ? new VersionedSession(Option.none(), read.generation())
                        : read);
    }

    /** The account's lease, whose commit marks the session as made at this origin, as a save does. */
    @Override
    public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        return coordination.tryLease(account).map(taken -> taken.map(OriginLease::new));
    }

    private final class OriginLease implements Lease {
        private final Lease lease;

        OriginLease(Lease lease) {
            this.lease = lease;
        }

        @Override
        public AccountId account() {
            return lease.account();
        }

        @Override
        public Either<AuthError, VersionedSession> commit(Session session) {
            return lease.commit(session.at(origin));
        }

        @Override
        public Either<AuthError, Boolean> release() {
            return lease.release();
        }
    }

    @Override
    public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
        return coordination.awaitChange(account, seen, timeout);
    }

    @Override
    public boolean watch(AccountId account, Runnable onChange) {
        return coordination.watch(account, onChange);
    }

    @Override
    public Either<AuthError, Boolean> restore(Session session, long generation) {
        return ours(session) ? coordination.restore(session, generation) : Either.right(false);
    }
}
