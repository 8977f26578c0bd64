package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/** Finds the session valid now: for a named account, or the only account that has one. */
final class SessionResolver {

    private final SessionStorePort store;
    private final Clock clock;

    SessionResolver(SessionStorePort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Either<AuthError, Session> validSession(Option<AccountId> account) {
        var now = clock.instant();
        if (account.isDefined()) {
            return store.find(account.get())
                    .flatMap(found -> found.filter(s -> s.isValidAt(now))
                            .toEither(() -> (AuthError) new AuthError.NoSession(account)));
        }
        return store.findAll().flatMap(all -> {
            var valid = all.filter(s -> s.isValidAt(now));
            if (valid.isEmpty()) {
                return Either.left(new AuthError.NoSession(Option.none()));
            }
            if (valid.size() > 1) {
                return Either.left(new AuthError.AccountRequired(
                        valid.map(Session::accountId).sorted()));
            }
            return Either.right(valid.head());
        });
    }
}
