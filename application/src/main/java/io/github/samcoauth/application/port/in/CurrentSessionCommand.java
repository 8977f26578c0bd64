package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/** {@code account} empty means: the only account with a valid session. */
public record CurrentSessionCommand(Option<AccountId> account) {

    public CurrentSessionCommand {
        Objects.requireNonNull(account, "account");
    }

    public static CurrentSessionCommand anyAccount() {
        return new CurrentSessionCommand(Option.none());
    }

    public static CurrentSessionCommand forAccount(AccountId account) {
        return new CurrentSessionCommand(Option.some(account));
    }

    /** Null or blank selects the only account. */
    public static Either<AuthError, CurrentSessionCommand> of(String rawAccount) {
        return Inputs.optionalAccount(rawAccount).map(CurrentSessionCommand::new);
    }
}
