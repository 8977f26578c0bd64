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

    Either<AuthError, Session> refresh(RefreshSessionCommand command);

    /**
     * A new session the way {@code stored} was made, for a caller that has just read it from the
     * store under the account's lease (the session source): the store is not read again, and the
     * new session goes to {@code writeTo} (the lease's commit).
     */
    Either<AuthError, Session> renew(Session stored, Option<ApiCredentials> credentials, SessionWriter writeTo);

    /**
     * Where a login or a renewal puts the session Samco granted: the store, or the renewal lease it
     * runs under (whose commit also ends the lease). A failed write is the login's failure: the
     * session is then ended at Samco, so that no live token is left that nobody holds.
     */
    @FunctionalInterface
    interface SessionWriter {

        Either<AuthError, Session> write(Session session);
    }
}
