package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The audit journal read back. An entry that cannot be read (torn, edited, of an unknown kind) is
 * left out, never guessed at.
 */
@FunctionalInterface
public interface AuditHistoryPort {

    /**
     * The last {@code count} events of {@code account} (of every account, and of none, when empty),
     * oldest first.
     *
     * @param account the account; empty: every account, and events of none
     * @param count how many events, the newest ones
     * @return the events, oldest first, or why they cannot be read
     */
    Either<AuthError, List<AuditEvent>> last(Option<AccountId> account, int count);
}
