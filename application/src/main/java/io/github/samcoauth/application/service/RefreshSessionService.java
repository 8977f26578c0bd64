package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;

public final class RefreshSessionService implements RefreshSessionUseCase {

    private final SessionStorePort store;
    private final ApiKeyLoginUseCase apiKeyLogin;

    public RefreshSessionService(SessionStorePort store, ApiKeyLoginUseCase apiKeyLogin) {
        this.store = store;
        this.apiKeyLogin = apiKeyLogin;
    }

    @Override
    public Either<AuthError, Session> refresh(RefreshSessionCommand command) {
        return stored(command.account()).flatMap(session -> {
            if (session.method() != LoginMethod.API_KEY) {
                return Either.left(new AuthError.NotRenewable(session.accountId(), session.method()));
            }
            return command.credentials()
                    .toEither(() -> (AuthError) new AuthError.InvalidInput(new DomainError.Blank("API key")))
                    .flatMap(apiKeyLogin::login);
        });
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
