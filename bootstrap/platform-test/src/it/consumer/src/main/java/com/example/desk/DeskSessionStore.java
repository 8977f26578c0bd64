package com.example.desk;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The desk's own session store (a stand-in for its database), plugged into SamcoAuth's builder. */
public final class DeskSessionStore implements SessionStorePort {

    private final Map<AccountId, Session> table;

    public DeskSessionStore(Map<AccountId, Session> table) {
        this.table = table;
    }

    public static DeskSessionStore empty() {
        return new DeskSessionStore(new ConcurrentHashMap<>());
    }

    /** Another connection to the same table. */
    public DeskSessionStore reconnect() {
        return new DeskSessionStore(table);
    }

    @Override
    public Either<AuthError, Session> save(Session session) {
        table.put(session.accountId(), session);
        return Either.right(session);
    }

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        return Either.right(Option.of(table.get(account)));
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        return Either.right(List.ofAll(table.values()).sortBy(Session::accountId));
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        return Either.right(table.remove(account) != null);
    }
}
