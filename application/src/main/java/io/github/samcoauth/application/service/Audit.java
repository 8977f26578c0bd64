package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.vavr.control.Option;
import java.time.Clock;

/**
 * Records events best-effort: a journal that cannot be written must not undo a login that Samco has
 * already granted (the code is spent), so its failure is not the caller's failure.
 */
final class Audit {

    private final AuditLogPort log;
    private final Clock clock;

    Audit(AuditLogPort log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void success(AuditEvent.Type type, Option<String> subject, SamcoReply reply) {
        log.record(new AuditEvent(
                clock.instant(), type, subject, reply.msgId(), Option.some(reply.serverTime()), "success"));
    }

    void failure(AuditEvent.Type rejected, AuditEvent.Type failed, Option<String> subject, AuthError error) {
        if (error instanceof AuthError.IpNotRegistered refused) {
            var r = refused.refusal();
            log.record(new AuditEvent(clock.instant(), rejected, subject, r.msgId(), r.serverTime(), error.code()));
        } else if (error instanceof AuthError.Rejected r) {
            log.record(new AuditEvent(clock.instant(), rejected, subject, r.msgId(), r.serverTime(), error.code()));
        } else {
            log.record(new AuditEvent(clock.instant(), failed, subject, Option.none(), Option.none(), error.code()));
        }
    }
}
