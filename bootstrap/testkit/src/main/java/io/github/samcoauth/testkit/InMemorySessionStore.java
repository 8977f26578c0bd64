package io.github.samcoauth.testkit;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread-safe in-memory store that counts its reads. */
public final class InMemorySessionStore implements SessionStorePort {

    private final ConcurrentSkipListMap<AccountId, Session> sessions;
    private final AtomicInteger reads = new AtomicInteger();

    public InMemorySessionStore() {
        this(new ConcurrentSkipListMap<>());
    }

    private InMemorySessionStore(ConcurrentSkipListMap<AccountId, Session> sessions) {
        this.sessions = sessions;
    }

    /** A second store over the same sessions, as a second process would see a shared store. */
    public InMemorySessionStore sharingState() {
        return new InMemorySessionStore(sessions);
    }

    @Override
    public Either<AuthError, Session> save(Session session) {
        sessions.put(session.accountId(), session);
        return Either.right(session);
    }

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        reads.incrementAndGet();
        return Either.right(Option.of(sessions.get(account)));
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        reads.incrementAndGet();
        return Either.right(List.ofAll(sessions.values()));
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        return Either.right(sessions.remove(account) != null);
    }

    public int reads() {
        return reads.get();
    }
}
