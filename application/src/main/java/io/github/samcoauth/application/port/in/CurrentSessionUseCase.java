package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/**
 * The session valid now, for the named account or the only account with one. Never touches the
 * network; safe to call from many threads at once.
 */
@FunctionalInterface
public interface CurrentSessionUseCase {

    /**
     * The stored session that is valid now; never sends anything to Samco.
     *
     * @param command which account
     * @return the session, or why there is none
     */
    Either<AuthError, Session> current(CurrentSessionCommand command);
}
