package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LogoutCommand;
import io.github.samcoauth.application.port.in.LogoutResult;
import io.github.samcoauth.application.port.in.LogoutUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Ends a session at Samco and removes it from the store; an expired session is only removed. */
public final class LogoutService implements LogoutUseCase {

    private final SessionStorePort store;
    private final SessionResolver resolver;
    private final Audit audit;
    private final GrantKeeper keeper;
    private final Clock clock;

    /**
     * A service over these ports.
     *
     * @param samco the Samco API
     * @param store where sessions are kept
     * @param auditLog the journal of what was done
     * @param clock the time
     */
    public LogoutService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.store = store;
        this.resolver = new SessionResolver(store, clock);
        this.audit = new Audit(auditLog, clock);
        this.keeper = new GrantKeeper(samco, store, audit, clock);
        this.clock = clock;
    }

    @Override
    public Either<AuthError, LogoutResult> logout(LogoutCommand command) {
        return target(command).map(this::logout);
    }

    private Either<AuthError, Session> target(LogoutCommand command) {
        if (command.account().isEmpty()) {
            return resolver.validSession(Option.none());
        }
        return store.find(command.account().get())
                .flatMap(found -> found.toEither(() -> new AuthError.NoSession(command.account())));
    }

    private LogoutResult logout(Session session) {
        var subject = Option.some(session.accountId().value());
        LogoutResult.Remote remote;
        if (session.isValidAt(clock.instant())) {
            remote = keeper.end(session)
                    .peek(reply -> audit.success(AuditEvent.Type.LOGOUT, subject, reply))
                    .peekLeft(error ->
                            audit.failure(AuditEvent.Type.LOGOUT_FAILED, AuditEvent.Type.LOGOUT_FAILED, subject, error))
                    .fold(LogoutResult.Remote.Failed::new, LogoutResult.Remote.LoggedOut::new);
        } else {
            remote = new LogoutResult.Remote.SkippedExpired();
        }
        var local = store.delete(session.accountId());
        return new LogoutResult(session.accountId(), remote, local.swap().toOption());
    }
}
