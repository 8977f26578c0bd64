package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** The last events of the audit journal, of one account or of all, oldest first. */
@FunctionalInterface
public interface AuditHistoryUseCase {

    /** At most this many events are read at once. */
    int MOST = 10_000;

    /**
     * {@code count}: 1 to {@value #MOST}; outside that, an invalid input.
     *
     * @param account the account; empty: every account
     * @param count how many events, the newest ones
     * @return the events, oldest first, or why they cannot be read
     */
    Either<AuthError, List<AuditEvent>> last(Option<AccountId> account, int count);
}
