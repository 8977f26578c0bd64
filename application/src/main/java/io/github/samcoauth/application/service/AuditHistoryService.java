package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.AuditHistoryUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditHistoryPort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Comparator;

/** Reads the journal the store keeps (a file, or a Redis stream per account), checked and in order. */
public final class AuditHistoryService implements AuditHistoryUseCase {

    private final AuditHistoryPort journal;

    /**
     * A service over the journal.
     *
     * @param journal the audit journal
     */
    public AuditHistoryService(AuditHistoryPort journal) {
        this.journal = journal;
    }

    @Override
    public Either<AuthError, List<AuditEvent>> last(Option<AccountId> account, int count) {
        if (count < 1 || count > MOST) {
            return Either.left(new AuthError.InvalidInput(
                    new DomainError.Malformed("number of events", "a whole number from 1 to " + MOST)));
        }
        return journal.last(account, count)
                .map(events ->
                        events.sorted(Comparator.comparing(AuditEvent::at)).takeRight(count));
    }
}
