package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * What lets every instance that shares a {@link SessionStorePort} (threads, processes, hosts) renew
 * an account's session once between them. Implementations never throw.
 *
 * <p>A lease taken here is kept alive by the implementation until it is released or the process
 * dies (then it lapses after a bounded time, and another instance takes over). A {@link
 * SessionStorePort#save} of the account by the holder of its lease may release the lease in the
 * same step.
 */
public interface SessionCoordinationPort {

    /** The stored session and its generation, read together. */
    Either<AuthError, VersionedSession> read(AccountId account);

    /** Takes the account's renewal lock if nobody holds it: {@code some(lease)}, else {@code none}. */
    Either<AuthError, Option<RenewalLease>> tryLock(AccountId account);

    /** Gives the lock back if it is still this lease's; {@code true} when it was. */
    Either<AuthError, Boolean> release(RenewalLease lease);

    /**
     * Waits until the account's generation is above {@code seen}, or its lock is free, or {@code
     * timeout} has passed, whichever is first; returns the generation then.
     */
    Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout);

    /**
     * Puts back a session the store has lost (a store restarted empty): stored only when the store
     * has no session of the account and a generation below {@code generation}, which it takes;
     * {@code true} when this call restored it. Stores that cannot lose data keep this default.
     */
    default Either<AuthError, Boolean> restore(Session session, long generation) {
        return Either.right(false);
    }

    /**
     * Calls {@code onChange} whenever the account's stored session may have changed (a save, a
     * delete, a restore, by any instance) and whenever the store's notifications are lost or
     * established again: the caller then reads. {@code onChange} must return at once (it may run
     * on the store client's own thread). Calling it again with the same {@code onChange} adds
     * nothing. {@code true} when notifications are on; {@code false} when this store cannot push
     * them now (the default: the caller polls, and may ask again later).
     */
    default boolean watch(AccountId account, Runnable onChange) {
        return false;
    }
}
