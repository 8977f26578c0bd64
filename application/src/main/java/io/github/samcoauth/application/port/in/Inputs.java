package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Shared parsing of command inputs. */
final class Inputs {

    private Inputs() {}

    /** No account (null or blank) means "the only one"; otherwise it must be a valid account id. */
    static Either<AuthError, Option<AccountId>> optionalAccount(String raw) {
        if (raw == null || raw.isBlank()) {
            return Either.right(Option.none());
        }
        return AccountId.of(raw).<AuthError>mapLeft(AuthError.InvalidInput::new).map(Option::some);
    }
}
