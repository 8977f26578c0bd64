package io.github.samcoauth.testkit;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-safe in-memory store that counts its reads, with a generation per account and a
 * renewal lock, as a shared store of a fleet has. {@link #sharingState()} is a second instance on
 * the same state; {@link #forgetEverything()} is a shared store restarted empty.
 */
public final class InMemorySessionStore implements SessionStorePort, SessionCoordinationPort {

    private static final class State {
        final ConcurrentSkipListMap<AccountId, Session> sessions = new ConcurrentSkipListMap<>();
        final ConcurrentMap<AccountId, Long> generations = new ConcurrentHashMap<>();
        final ConcurrentMap<AccountId, String> locks = new ConcurrentHashMap<>();
    }

    private final State state;
    private final AtomicInteger reads = new AtomicInteger();

    /** An empty store. */
    public InMemorySessionStore() {
        this(new State());
    }

    private InMemorySessionStore(State state) {
        this.state = state;
    }

    /**
     * A second store over the same sessions, as a second process would see a shared store.
     *
     * @return a store over the same state
     */
    public InMemorySessionStore sharingState() {
        return new InMemorySessionStore(state);
    }

    /** Every session, generation and lock gone, as a shared store restarted without persistence. */
    public void forgetEverything() {
        synchronized (state) {
            state.sessions.clear();
            state.generations.clear();
            state.locks.clear();
        }
    }

    @Override
    public Either<AuthError, Session> save(Session session) {
        synchronized (state) {
            state.sessions.put(session.accountId(), session);
            state.generations.merge(session.accountId(), 1L, Long::sum);
            state.notifyAll();
        }
        return Either.right(session);
    }

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        reads.incrementAndGet();
        return Either.right(Option.of(state.sessions.get(account)));
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        reads.incrementAndGet();
        return Either.right(List.ofAll(state.sessions.values()));
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        synchronized (state) {
            boolean existed = state.sessions.remove(account) != null;
            if (existed) {
                state.generations.merge(account, 1L, Long::sum);
                state.notifyAll();
            }
            return Either.right(existed);
        }
    }

    /**
     * How many times a session was read from this store, to count the reads a caller makes.
     *
     * @return the count
     */
    public int reads() {
        return reads.get();
    }

    @Override
    public Either<AuthError, VersionedSession> read(AccountId account) {
        synchronized (state) {
            reads.incrementAndGet();
            return Either.right(new VersionedSession(
                    Option.of(state.sessions.get(account)), state.generations.getOrDefault(account, 0L)));
        }
    }

    @Override
    public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        var owner = UUID.randomUUID().toString();
        return Either.right(
                state.locks.putIfAbsent(account, owner) == null
                        ? Option.some(new HeldLease(account, owner))
                        : Option.none());
    }

    /** A lease of this store: its commit writes, counts and ends the lease under the state's monitor. */
    private final class HeldLease implements Lease {
        private final AccountId account;
        private final String owner;

        HeldLease(AccountId account, String owner) {
            this.account = account;
            this.owner = owner;
        }

        @Override
        public AccountId account() {
            return account;
        }

        @Override
        public Either<AuthError, VersionedSession> commit(Session session) {
            synchronized (state) {
                if (!owner.equals(state.locks.get(account))
                        || !session.accountId().equals(account)) {
                    return Either.left(new AuthError.StorageFailure(
                            "the renewal lease of " + account.value() + " is no longer this instance's: nothing"
                                    + " was written",
                            Option.none()));
                }
                state.sessions.put(account, session);
                long generation = state.generations.merge(account, 1L, Long::sum);
                state.locks.remove(account, owner);
                state.notifyAll();
                return Either.right(new VersionedSession(Option.some(session), generation));
            }
        }

        @Override
        public Either<AuthError, Boolean> release() {
            synchronized (state) {
                boolean mine = state.locks.remove(account, owner);
                state.notifyAll();
                return Either.right(mine);
            }
        }
    }

    @Override
    public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (state.generations.getOrDefault(account, 0L) <= seen && state.locks.containsKey(account)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    state.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Either.left(new AuthError.Unavailable("interrupted"));
                }
            }
            return Either.right(state.generations.getOrDefault(account, 0L));
        }
    }

    @Override
    public Either<AuthError, Boolean> restore(Session session, long generation) {
        synchronized (state) {
            var account = session.accountId();
            if (state.sessions.containsKey(account) || state.generations.getOrDefault(account, 0L) >= generation) {
                return Either.right(false);
            }
            state.sessions.put(account, session);
            state.generations.put(account, generation);
            state.notifyAll();
            return Either.right(true);
        }
    }
}
