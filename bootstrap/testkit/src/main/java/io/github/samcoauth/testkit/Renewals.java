package io.github.samcoauth.testkit;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase.SessionWriter;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/** Renewals for a session source under test, without Samco: each makes the next session itself. */
public final class Renewals {

    private Renewals() {}

    /**
     * Renews a stored session as {@code next} makes it, and writes it where the source says (its lease).
     *
     * @param next makes the new session from the stored one
     * @return the renewal
     */
    public static RefreshSessionUseCase by(UnaryOperator<Session> next) {
        return new RefreshSessionUseCase() {
            @Override
            public Either<AuthError, Session> refresh(RefreshSessionCommand command) {
                return Either.left(new AuthError.Unavailable("this renewal runs only under a session source's lease"));
            }

            @Override
            public Either<AuthError, Session> renew(
                    Session stored, Option<ApiCredentials> credentials, SessionWriter writeTo) {
                return writeTo.write(next.apply(stored));
            }
        };
    }

    /**
     * A renewal that always fails with {@code error}, sending nothing.
     *
     * @param error the error every renewal fails with
     * @return the renewal
     */
    public static RefreshSessionUseCase failing(AuthError error) {
        return new RefreshSessionUseCase() {
            @Override
            public Either<AuthError, Session> refresh(RefreshSessionCommand command) {
                return Either.left(error);
            }

            @Override
            public Either<AuthError, Session> renew(
                    Session stored, Option<ApiCredentials> credentials, SessionWriter writeTo) {
                return Either.left(error);
            }
        };
    }
}
