package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ListSessionsUseCase;
import io.github.samcoauth.application.port.in.PruneSessionsUseCase;
import io.github.samcoauth.application.port.in.StoredSession;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Clock;

public final class ListSessionsService implements ListSessionsUseCase, PruneSessionsUseCase {

    private final SessionStorePort store;
    private final Clock clock;

    public ListSessionsService(SessionStorePort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Either<AuthError, List<StoredSession>> list() {
        var now = clock.instant();
        return store.findAll()
                .map(all -> (all.size() > 1 ? all.sortBy(Session::accountId) : all)
                        .map(s -> new StoredSession(s, s.isValidAt(now))));
    }

    @Override
    public Either<AuthError, List<AccountId>> pruneExpired() {
        var now = clock.instant();
        return store.findAll().flatMap(all -> {
            var expired = all.filter(s -> !s.isValidAt(now)).map(Session::accountId);
            return Either.sequenceRight(
                            expired.map(account -> store.delete(account).map(removed -> account)))
                    .map(List::ofAll);
        });
    }
}
