package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LoginCommand;
import io.github.samcoauth.application.port.in.LoginUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

public final class LoginService implements LoginUseCase {

    private final SamcoApiPort samco;
    private final SessionStorePort store;
    private final Audit audit;
    private final Clock clock;

    public LoginService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.samco = samco;
        this.store = store;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    /**
     * The store is checked before the code is sent (a single-use code must not be spent on a
     * session that cannot be kept). If Samco grants the session and the save still fails, the
     * session is ended at Samco at once (best effort), so that no live token is left that nobody
     * holds, and the caller is told which.
     */
    @Override
    public Either<AuthError, Session> login(LoginCommand command) {
        var ready = store.checkWritable();
        if (ready.isLeft()) {
            return Either.left(ready.getLeft());
        }
        return samco.validateLoginCode(command.code())
                .peekLeft(error -> audit.failure(
                        AuditEvent.Type.LOGIN_REJECTED, AuditEvent.Type.LOGIN_FAILED, Option.none(), error))
                .flatMap(grant -> {
                    var session = Session.issue(grant.token(), grant.profile(), clock.instant());
                    var subject = Option.some(session.accountId().value());
                    var saved = store.save(session);
                    if (saved.isRight()) {
                        audit.success(AuditEvent.Type.LOGIN_SUCCEEDED, subject, grant.reply());
                        return saved;
                    }
                    var failure = saved.getLeft();
                    audit.failure(AuditEvent.Type.LOGIN_FAILED, AuditEvent.Type.LOGIN_FAILED, subject, failure);
                    var endedAtSamco = samco.logout(grant.token()).isRight();
                    return Either.left(unsaved(failure, endedAtSamco));
                });
    }

    private static AuthError unsaved(AuthError failure, boolean endedAtSamco) {
        var path = failure instanceof AuthError.StorageFailure storage ? storage.path() : Option.<String>none();
        var reason = failure instanceof AuthError.StorageFailure storage ? storage.reason() : failure.message();
        return new AuthError.StorageFailure(
                "Samco granted the session but it could not be saved (" + reason + "); "
                        + (endedAtSamco
                                ? "it was logged out at Samco, so no token is left live: fix the state"
                                        + " directory, then log in with a new code"
                                : "it could not be logged out at Samco either: its token stays valid at Samco"
                                        + " until it expires, and nothing here holds it"),
                path);
    }
}
