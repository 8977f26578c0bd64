package io.github.samcoauth.bootstrap;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;

/** What a closed {@link SamcoAuth} hands out: a typed answer, never an exception. */
final class ClosedSource implements SessionSourceUseCase {

    private static final Either<AuthError, Session> CLOSED =
            Either.left(new AuthError.Unavailable("this SamcoAuth is closed"));

    @Override
    public Either<AuthError, Session> session() {
        return CLOSED;
    }

    @Override
    public Either<AuthError, Session> rejected(SessionToken token) {
        return CLOSED;
    }

    @Override
    public void close() {
        // nothing runs
    }
}
