package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase.SessionWriter;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Renews a session the way it was made: an OAuth session with its refresh token (used once), an API-key session with the key and secret; a login-code session cannot be renewed. */
public final class RefreshSessionService implements RefreshSessionUseCase {

    private final SamcoApiPort samco;
    private final SessionStorePort store;
    private final ApiKeyLoginUseCase apiKeyLogin;
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
     * @param apiKeyLogin logs in again for an API-key session
     */
    public RefreshSessionService(
            SamcoApiPort samco,
            SessionStorePort store,
            AuditLogPort auditLog,
            Clock clock,
            ApiKeyLoginUseCase apiKeyLogin) {
        this.samco = samco;
        this.store = store;
        this.apiKeyLogin = apiKeyLogin;
        this.audit = new Audit(auditLog, clock);
        this.keeper = new GrantKeeper(samco, store, audit, clock);
        this.clock = clock;
    }

    @Override
    public Either<AuthError, Session> refresh(RefreshSessionCommand command) {
        return stored(command.account()).flatMap(session -> renew(session, command.credentials(), store::save));
    }

    @Override
    public Either<AuthError, Session> renew(
            Session session, Option<ApiCredentials> credentials, SessionWriter writeTo) {
        if (session.method() == LoginMethod.OAUTH) {
            return rotate(session, writeTo);
        }
        if (session.method() != LoginMethod.API_KEY) {
            return Either.left(new AuthError.NotRenewable(session.accountId(), session.method()));
        }
        return credentials
                .toEither(() -> (AuthError) new AuthError.InvalidInput(new DomainError.Blank("API key")))
                .flatMap(given -> apiKeyLogin.login(given, writeTo));
    }

    /**
     * OAuth: the refresh token is used once (Samco rotates it); the new session, with the new
     * refresh token, replaces the old one in one atomic save. Never retried: a second use of the
     * same refresh token would fail and may end the whole token family.
     */
    private Either<AuthError, Session> rotate(Session session, SessionWriter writeTo) {
        var refresh = session.refresh().filter(r -> r.isValidAt(clock.instant()));
        if (refresh.isEmpty()) {
            return Either.left(new AuthError.NotRenewable(session.accountId(), session.method()));
        }
        var ready = store.checkWritable();
        if (ready.isLeft()) {
            return Either.left(ready.getLeft());
        }
        var subject = Option.some(session.accountId().value());
        return samco.refreshToken(refresh.get().token())
                .peekLeft(error ->
                        audit.failure(AuditEvent.Type.LOGIN_REJECTED, AuditEvent.Type.LOGIN_FAILED, subject, error))
                .flatMap(grant -> keeper.keep(grant, writeTo));
    }

    /** The named account's stored session, or the only stored one; valid or expired. */
    private Either<AuthError, Session> stored(Option<AccountId> account) {
        if (account.isDefined()) {
            return store.find(account.get()).flatMap(found -> found.toEither(() -> new AuthError.NoSession(account)));
        }
        return store.findAll().flatMap(all -> {
            if (all.isEmpty()) {
                return Either.left(new AuthError.NoSession(Option.none()));
            }
            if (all.size() > 1) {
                return Either.left(new AuthError.AccountRequired(
                        all.map(Session::accountId).sorted()));
            }
            return Either.right(all.head());
        });
    }
}
