package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;

/**
 * Log out at Samco, then remove the local session. The local session is removed even when Samco
 * cannot be reached; the result says which parts succeeded. Left only when there is nothing to log
 * out or the store cannot be read.
 */
@FunctionalInterface
public interface LogoutUseCase {

    /**
     * Ends the session at Samco and removes it here; says which of the two happened.
     *
     * @param command which account
     * @return what was done, or why nothing could be
     */
    Either<AuthError, LogoutResult> logout(LogoutCommand command);
}
