package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.AccountLoginCode;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.MintLoginCodeUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Has a stored session mint a login code for another device ({@code GET /webSecretCode}). */
public final class MintLoginCodeService implements MintLoginCodeUseCase {

    private final SamcoApiPort samco;
    private final SessionResolver resolver;
    private final Audit audit;

    /**
     * A service over these ports.
     *
     * @param samco the Samco API
     * @param store where sessions are kept
     * @param auditLog the journal of what was done
     * @param clock the time
     */
    public MintLoginCodeService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.samco = samco;
        this.resolver = new SessionResolver(store, clock);
        this.audit = new Audit(auditLog, clock);
    }

    @Override
    public Either<AuthError, AccountLoginCode> mint(CurrentSessionCommand command) {
        return resolver.validSession(command.account()).flatMap(session -> {
            var subject = Option.some(session.accountId().value());
            return samco.webSecretCode(session.token())
                    .peek(minted -> audit.success(AuditEvent.Type.CODE_MINTED, subject, minted.reply()))
                    .peekLeft(error ->
                            audit.failure(AuditEvent.Type.CODE_MINTED, AuditEvent.Type.CODE_MINTED, subject, error))
                    .map(minted -> new AccountLoginCode(session.accountId(), minted));
        });
    }
}
