package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Where sessions are kept between runs, one per account. Implementations never throw; a session
 * saved by another process must be visible to the next {@link #find} or {@link #findAll}.
 */
public interface SessionStorePort {

    /**
     * Stores the session, replacing any earlier one of the same account.
     *
     * @param session the session
     * @return the session as stored, or why it could not be
     */
    Either<AuthError, Session> save(Session session);

    /**
     * The stored session of the account, valid or expired.
     *
     * @param account the account
     * @return the session or none, or why the store cannot be read
     */
    Either<AuthError, Option<Session>> find(AccountId account);

    /**
     * Every stored session, valid or expired, ordered by account.
     *
     * @return the sessions, or why the store cannot be read
     */
    Either<AuthError, List<Session>> findAll();

    /**
     * Removes the account's session; {@code true} when there was one.
     *
     * @param account the account
     * @return whether there was one, or why the store cannot be changed
     */
    Either<AuthError, Boolean> delete(AccountId account);

    /**
     * Whether a {@link #save} could succeed now, asked before anything that cannot be replayed (a
     * login code, an SMS) is sent: right({@code true}), or why not. A store that cannot tell in
     * advance keeps this default.
     *
     * @return {@code true}, or why a save would fail
     */
    default Either<AuthError, Boolean> checkWritable() {
        return Either.right(true);
    }
}
