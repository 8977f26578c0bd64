package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase.SessionWriter;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Logs in with the dashboard's API key and secret ({@code POST /session/token}); the credentials are checked and the store's writability asked before they are sent, and they are never sent twice. */
public final class ApiKeyLoginService implements ApiKeyLoginUseCase {

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
    public ApiKeyLoginService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.samco = samco;
        this.store = store;
        this.audit = new Audit(auditLog, clock);
        this.keeper = new GrantKeeper(samco, store, audit, clock);
    }

    /** The store is checked first: a new login may end the account's other sessions at Samco. */
    @Override
    public Either<AuthError, Session> login(ApiCredentials credentials) {
        return login(credentials, store::save);
    }

    @Override
    public Either<AuthError, Session> login(ApiCredentials credentials, SessionWriter writeTo) {
        var ready = store.checkWritable();
        if (ready.isLeft()) {
            return Either.left(ready.getLeft());
        }
        return samco.sessionToken(credentials.key(), credentials.secret())
                .peekLeft(error -> audit.failure(
                        AuditEvent.Type.LOGIN_REJECTED, AuditEvent.Type.LOGIN_FAILED, Option.none(), error))
                .flatMap(grant -> keeper.keep(grant, LoginMethod.API_KEY, writeTo));
    }
}
