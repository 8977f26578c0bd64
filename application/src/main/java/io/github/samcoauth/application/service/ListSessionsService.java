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
import java.util.ArrayList;

/** Lists the stored sessions and removes the expired ones; never sends anything to Samco. */
public final class ListSessionsService implements ListSessionsUseCase, PruneSessionsUseCase {

    private final SessionStorePort store;
    private final Clock clock;

    /**
     * A service over the store.
     *
     * @param store where sessions are kept
     * @param clock the time
     */
    public ListSessionsService(SessionStorePort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Either<AuthError, List<StoredSession>> list() {
        var now = clock.instant();
        var found = store.findAll();
        if (found.isLeft()) {
            return Either.left(found.getLeft());
        }
        var all = found.get();
        var stored = new ArrayList<StoredSession>(all.size());
        for (var session : all.size() > 1 ? all.sortBy(Session::accountId) : all) {
            stored.add(new StoredSession(session, session.isValidAt(now)));
        }
        return Either.right(List.ofAll(stored));
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
