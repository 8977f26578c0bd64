package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * The renewal protocol of a fleet that shares a {@link SessionStorePort} (threads, processes,
 * hosts): {@link #read} the session and its generation, {@link #tryLease} the account, and either
 * {@link Lease#commit} a new session (the only write under a lease: session, generation and the
 * lease's end in one step) or {@link Lease#release} a lease that commits nothing. Waiters learn of
 * the outcome through {@link #watch} or {@link #awaitChange}. Implementations never throw and keep
 * no state a caller cannot see: everything a lease is lives in its {@link Lease} object.
 */
public interface SessionCoordinationPort {

    /**
     * The stored session and its generation, read together.
     *
     * @param account the account
     * @return the session (or none) and its generation, or why the store cannot be read
     */
    Either<AuthError, VersionedSession> read(AccountId account);

    /**
     * Takes the account's renewal lease if nobody holds it: {@code some(lease)}, else {@code none}.
     * A lease is kept alive by the implementation until it is committed or released, or the process
     * dies (then it lapses after a bounded time, and another instance takes over). A lease found
     * with no end, or a longer one than the implementation ever keeps, is nobody's: it is cut short.
     *
     * @param account the account
     * @return the lease, none when another holds it, or why the store cannot be asked
     */
    Either<AuthError, Option<Lease>> tryLease(AccountId account);

    /**
     * Waits until the account's generation is above {@code seen}, or its lease is free, or {@code
     * timeout} has passed, whichever is first; returns the generation then.
     *
     * @param account the account
     * @param seen the generation the caller knows
     * @param timeout how long to wait at most
     * @return the generation now, or why the store cannot be read
     */
    Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout);

    /**
     * Puts back a session the store has lost (a store restarted empty): stored only when the store
     * has no session of the account and a generation below {@code generation}, which it takes;
     * {@code true} when this call restored it. Stores that cannot lose data keep this default.
     *
     * @param session the session to put back
     * @param generation the generation the caller last knew
     * @return {@code true} when it was stored, or why the store cannot be written
     */
    default Either<AuthError, Boolean> restore(Session session, long generation) {
        return Either.right(false);
    }

    /**
     * Calls {@code onChange} whenever the account's stored session may have changed (a save, a
     * delete, a restore, a commit, by any instance) and whenever the store's notifications are lost
     * or established again: the caller then reads. {@code onChange} must return at once (it may run
     * on the store client's own thread). Calling it again with the same {@code onChange} adds
     * nothing. {@code true} when notifications are on; {@code false} when this store cannot push
     * them now (the default: the caller polls, and may ask again later).
     *
     * @param account the account
     * @param onChange what to call
     * @return {@code true} when changes are pushed; {@code false} when the caller must look itself
     */
    default boolean watch(AccountId account, Runnable onChange) {
        return false;
    }

    /** An account's renewal lease, held by this instance until it commits or releases it. */
    interface Lease {

        /**
         * The account the lease is for.
         *
         * @return the account
         */
        AccountId account();

        /**
         * Stores {@code session} as the account's session, counts a generation and ends the lease,
         * in one step; returns the session as stored (a store may mark it, as an origin-scoped one
         * does) with the new generation ({@code 0} from a store that keeps none). Checks
         * everything before it writes anything: a lease that is no longer this one's (it lapsed, and
         * another instance took it), or a store whose state is not well formed, is a {@code
         * StorageFailure} and nothing is written. Once: a second commit, or a commit after {@link
         * #release}, is refused the same way.
         *
         * @param session the new session
         * @return the session and its new generation, or why it was not stored (the lease lost, the store away)
         */
        Either<AuthError, VersionedSession> commit(Session session);

        /**
         * Ends a lease that commits nothing; {@code true} when it was still this one's.
         *
         * @return {@code true} when it was still this lease, or why the store cannot be asked
         */
        Either<AuthError, Boolean> release();
    }
}
