package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.CurrentSessionUseCase;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Single flight: callers that ask for the same account while a store read is under way share that
 * read instead of starting their own. Nothing is cached between calls, so a session that another
 * process saved is seen by the next call; a store that is expensive to read caches by itself
 * (the file store does, keyed on the file's identity).
 */
public final class CurrentSessionService implements CurrentSessionUseCase {

    private final SessionResolver resolver;
    private final ConcurrentMap<CurrentSessionCommand, CompletableFuture<Either<AuthError, Session>>> inFlight =
            new ConcurrentHashMap<>();

    /**
     * A service over the store.
     *
     * @param store where sessions are kept
     * @param clock the time
     */
    public CurrentSessionService(SessionStorePort store, Clock clock) {
        this.resolver = new SessionResolver(store, clock);
    }

    @Override
    public Either<AuthError, Session> current(CurrentSessionCommand command) {
        var mine = new CompletableFuture<Either<AuthError, Session>>();
        var leader = inFlight.putIfAbsent(command, mine);
        if (leader != null) {
            return leader.join();
        }
        try {
            var result = resolver.validSession(command.account());
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(command, mine);
        }
    }
}
