package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Every stored session, valid and expired, ordered by account. */
@FunctionalInterface
public interface ListSessionsUseCase {

    /**
     * Every stored session, each with whether it is valid now.
     *
     * @return the sessions, ordered by account, or why the store cannot be read
     */
    Either<AuthError, List<StoredSession>> list();
}
