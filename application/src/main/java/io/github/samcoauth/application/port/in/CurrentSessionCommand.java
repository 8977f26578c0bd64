package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * {@code account} empty means: the only account with a valid session.
 *
 * @param account the account; empty: the only one with a valid session
 */
public record CurrentSessionCommand(Option<AccountId> account) {

    /**
     * Checks that the choice is there.
     *
     * @param account the account; empty: the only one with a valid session
     */
    public CurrentSessionCommand {
        Objects.requireNonNull(account, "account");
    }

    /**
     * The only account with a valid session.
     *
     * @return the command
     */
    public static CurrentSessionCommand anyAccount() {
        return new CurrentSessionCommand(Option.none());
    }

    /**
     * The session of {@code account}.
     *
     * @param account the account
     * @return the command
     */
    public static CurrentSessionCommand forAccount(AccountId account) {
        return new CurrentSessionCommand(Option.some(account));
    }

    /**
     * Null or blank selects the only account.
     *
     * @param rawAccount the account code as typed, or {@code null}
     * @return the command, or why {@code rawAccount} is not an account code
     */
    public static Either<AuthError, CurrentSessionCommand> of(String rawAccount) {
        return Inputs.optionalAccount(rawAccount).map(CurrentSessionCommand::new);
    }
}
