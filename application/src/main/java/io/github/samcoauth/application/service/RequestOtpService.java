package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.in.RequestOtpCommand;
import io.github.samcoauth.application.port.in.RequestOtpUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Asks Samco for an OTP ({@code POST /otp/generateOtp}) and journals the answer. */
public final class RequestOtpService implements RequestOtpUseCase {

    private final SamcoApiPort samco;
    private final SessionStorePort store;
    private final Audit audit;

    /**
     * A service over these ports.
     *
     * @param samco the Samco API
     * @param store where sessions are kept
     * @param auditLog the journal of what was done
     * @param clock the time
     */
    public RequestOtpService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.samco = samco;
        this.store = store;
        this.audit = new Audit(auditLog, clock);
    }

    @Override
    public Either<AuthError, SamcoReply> requestOtp(RequestOtpCommand command) {
        var subject = Option.some(command.uid().value());
        // the SMS is wasted if the session it leads to could not be kept
        var ready = store.checkWritable();
        if (ready.isLeft()) {
            return Either.left(ready.getLeft());
        }
        return samco.generateOtp(command.uid())
                .peek(reply -> audit.success(AuditEvent.Type.OTP_REQUESTED, subject, reply))
                .peekLeft(error ->
                        audit.failure(AuditEvent.Type.OTP_REJECTED, AuditEvent.Type.OTP_FAILED, subject, error));
    }
}
