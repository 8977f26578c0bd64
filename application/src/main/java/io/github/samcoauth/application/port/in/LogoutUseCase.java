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

    Either<AuthError, LogoutResult> logout(LogoutCommand command);
}
