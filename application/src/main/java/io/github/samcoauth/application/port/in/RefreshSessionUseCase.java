package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A new session the way the stored one was made: an API-key session logs in again with the
 * credentials given; a login-code session cannot be renewed without a person
 * ({@code NotRenewable}). Works on an expired session too: that is when it is needed most.
 */
public interface RefreshSessionUseCase {

    /**
     * Renews the stored session the way it was made (refresh token, or API key and secret) and stores the new one.
     *
     * @param command which session, and the credentials
     * @return the new session, or why there is none
     */
    Either<AuthError, Session> refresh(RefreshSessionCommand command);

    /**
     * A new session the way {@code stored} was made, for a caller that has just read it from the
     * store under the account's lease (the session source): the store is not read again, and the
     * new session goes to {@code writeTo} (the lease's commit).
     *
     * @param stored the session just read from the store
     * @param credentials the API key and secret, for an API-key session
     * @param writeTo where the new session goes
     * @return the session as written, or why there is none
     */
    Either<AuthError, Session> renew(Session stored, Option<ApiCredentials> credentials, SessionWriter writeTo);

    /**
     * Where a login or a renewal puts the session Samco granted: the store, or the renewal lease it
     * runs under (whose commit also ends the lease). A failed write is the login's failure: the
     * session is then ended at Samco, so that no live token is left that nobody holds.
     */
    @FunctionalInterface
    interface SessionWriter {

        /**
         * Writes the new session.
         *
         * @param session the new session
         * @return the session as written (a store may mark it), or why it could not be
         */
        Either<AuthError, Session> write(Session session);
    }
}
