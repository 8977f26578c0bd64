package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Removes every expired session from the store; returns the accounts whose session was removed. */
@FunctionalInterface
public interface PruneSessionsUseCase {

    /**
     * Removes every stored session that has expired.
     *
     * @return the accounts whose sessions were removed, or why the store cannot be changed
     */
    Either<AuthError, List<AccountId>> pruneExpired();
}
