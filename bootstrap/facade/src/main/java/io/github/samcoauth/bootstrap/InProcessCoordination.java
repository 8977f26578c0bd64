package io.github.samcoauth.bootstrap;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * For a platform's own store that cannot coordinate: one renewal at a time within this instance,
 * no generation. Instances in other processes are not seen; the file and Redis stores coordinate
 * by themselves.
 */
final class InProcessCoordination implements SessionCoordinationPort {

    private final SessionStorePort store;
    private final ConcurrentMap<AccountId, String> locks = new ConcurrentHashMap<>();

    InProcessCoordination(SessionStorePort store) {
        this.store = store;
    }

    @Override
    public Either<AuthError, VersionedSession> read(AccountId account) {
        return store.find(account).map(found -> new VersionedSession(found, 0));
    }

    @Override
    public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        var owner = UUID.randomUUID().toString();
        return Either.right(
                locks.putIfAbsent(account, owner) == null ? Option.some(new HeldLease(account, owner)) : Option.none());
    }

    /** A lease within this process: its commit saves in the platform's store, then ends the lease. */
    private final class HeldLease implements Lease {
        private final AccountId account;
        private final String owner;

        HeldLease(AccountId account, String owner) {
            this.account = account;
            this.owner = owner;
        }

        @Override
        public AccountId account() {
            return account;
        }

        @Override
        public Either<AuthError, VersionedSession> commit(Session session) {
            if (!owner.equals(locks.get(account)) || !session.accountId().equals(account)) {
                return Either.left(new AuthError.StorageFailure(
                        "the renewal lease of " + account.value() + " is no longer this instance's: nothing was"
                                + " written",
                        Option.none()));
            }
            var saved = store.save(session);
            locks.remove(account, owner);
            return saved.map(stored -> new VersionedSession(Option.some(stored), 0));
        }

        @Override
        public Either<AuthError, Boolean> release() {
            return Either.right(locks.remove(account, owner));
        }
    }

    @Override
    public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
        try {
            Thread.sleep(Math.max(1, Math.min(timeout.toMillis(), 20)));
            return Either.right(0L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new AuthError.Unavailable("interrupted while waiting for a renewal"));
        }
    }
}
