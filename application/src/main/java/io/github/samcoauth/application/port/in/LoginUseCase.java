package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/** Redeem a login code for a session, store it and record the event. A code is sent at most once. */
@FunctionalInterface
public interface LoginUseCase {

    /**
     * Redeems the login code and stores the session; a code is never sent twice.
     *
     * @param command the login code
     * @return the new session, or why there is none
     */
    Either<AuthError, Session> login(LoginCommand command);
}
