package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LoginCommand;
import io.github.samcoauth.application.port.in.LoginUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Redeems a login code ({@code POST /webSecretCodeValidation}) once, after checking that the session can be stored. */
public final class LoginService implements LoginUseCase {

    private final SamcoApiPort samco;
    private final SessionStorePort store;
    private final Audit audit;
    private final GrantKeeper keeper;

    /**
     * A service over these ports.
     *
     * @param samco the Samco API
     * @param store where sessions are kept
     * @param auditLog the journal of what was done
     * @param clock the time
     */
    public LoginService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.samco = samco;
        this.store = store;
        this.audit = new Audit(auditLog, clock);
        this.keeper = new GrantKeeper(samco, store, audit, clock);
    }

    /**
     * The store is checked before the code is sent (a single-use code must not be spent on a
     * session that cannot be kept); what Samco grants is kept by {@link GrantKeeper}.
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
                .flatMap(grant -> keeper.keep(grant, LoginMethod.LOGIN_CODE));
    }
}
