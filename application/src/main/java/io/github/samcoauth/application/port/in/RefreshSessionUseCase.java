package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/**
 * A new session the way the stored one was made: an API-key session logs in again with the
 * credentials given; a login-code session cannot be renewed without a person
 * ({@code NotRenewable}). Works on an expired session too: that is when it is needed most.
 */
@FunctionalInterface
public interface RefreshSessionUseCase {

    Either<AuthError, Session> refresh(RefreshSessionCommand command);
}
