package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * {@code account} empty means: the only account with a valid session. A named account is logged out
 * even when its session has expired (then only locally).
 */
public record LogoutCommand(Option<AccountId> account) {

    public LogoutCommand {
        Objects.requireNonNull(account, "account");
    }

    public static Either<AuthError, LogoutCommand> of(String rawAccount) {
        return Inputs.optionalAccount(rawAccount).map(LogoutCommand::new);
    }
}
