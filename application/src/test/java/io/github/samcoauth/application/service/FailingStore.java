package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Reads from an in-memory store and every write fails; or, {@link #unreadable}, everything fails. */
final class FailingStore implements SessionStorePort {

    private final AuthError failure;
    private final boolean readsFail;
    private final InMemorySessionStore reads = new InMemorySessionStore();

    FailingStore(AuthError failure, Session... present) {
        this(failure, false, present);
    }

    private FailingStore(AuthError failure, boolean readsFail, Session... present) {
        this.failure = failure;
        this.readsFail = readsFail;
        for (var s : present) {
            reads.save(s);
        }
    }

    @Override
    public Either<AuthError, Session> save(Session session) {
        return Either.left(failure);
    }

    /** A store that fails every read and write. */
    static FailingStore unreadable(AuthError failure) {
        return new FailingStore(failure, true);
    }

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        return readsFail ? Either.left(failure) : reads.find(account);
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        return readsFail ? Either.left(failure) : reads.findAll();
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        return Either.left(failure);
    }

    /** Says up front that it cannot be written (as a state directory in the way of a file would). */
    static SessionStorePort notWritable(AuthError failure) {
        var store = new FailingStore(failure);
        return new SessionStorePort() {
            @Override
            public Either<AuthError, Session> save(Session session) {
                return store.save(session);
            }

            @Override
            public Either<AuthError, Option<Session>> find(AccountId account) {
                return store.find(account);
            }

            @Override
            public Either<AuthError, List<Session>> findAll() {
                return store.findAll();
            }

            @Override
            public Either<AuthError, Boolean> delete(AccountId account) {
                return store.delete(account);
            }

            @Override
            public Either<AuthError, Boolean> checkWritable() {
                return Either.left(failure);
            }
        };
    }
}
