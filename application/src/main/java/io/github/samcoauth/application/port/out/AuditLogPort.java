package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;

/** An append-only record of authentication events. It never receives a token or a code. */
public interface AuditLogPort {

    /**
     * Appends one event to the journal.
     *
     * @param event the event, which holds no secret
     * @return the event as recorded, or why it could not be
     */
    Either<AuthError, AuditEvent> record(AuditEvent event);
}
