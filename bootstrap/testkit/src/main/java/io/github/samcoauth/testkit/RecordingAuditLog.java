package io.github.samcoauth.testkit;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every event in memory. */
public final class RecordingAuditLog implements AuditLogPort {

    /** A journal with nothing recorded yet. */
    public RecordingAuditLog() {}

    private final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Either<AuthError, AuditEvent> record(AuditEvent event) {
        events.add(event);
        return Either.right(event);
    }

    /**
     * Every event recorded so far, in order.
     *
     * @return the events
     */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
