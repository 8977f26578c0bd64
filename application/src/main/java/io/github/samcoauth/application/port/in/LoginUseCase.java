package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/** Redeem a login code for a session, store it and record the event. A code is sent at most once. */
@FunctionalInterface
public interface LoginUseCase {

    Either<AuthError, Session> login(LoginCommand command);
}
