package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * {@code account} empty means: the only account with a valid session. A named account is logged out
 * even when its session has expired (then only locally).
 *
 * @param account the account; empty: the only one with a stored session
 */
public record LogoutCommand(Option<AccountId> account) {

    /**
     * Checks that the choice is there.
     *
     * @param account the account; empty: the only one with a stored session
     */
    public LogoutCommand {
        Objects.requireNonNull(account, "account");
    }

    /**
     * The account as typed; {@code null} or blank: the only one with a stored session.
     *
     * @param rawAccount the account code as typed, or {@code null}
     * @return the command, or why {@code rawAccount} is not an account code
     */
    public static Either<AuthError, LogoutCommand> of(String rawAccount) {
        return Inputs.optionalAccount(rawAccount).map(LogoutCommand::new);
    }
}
