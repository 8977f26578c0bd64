package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Otp;
import io.vavr.control.Either;
import java.util.Objects;

public record LoginCommand(Otp code) {

    public LoginCommand {
        Objects.requireNonNull(code, "code");
    }

    public static Either<AuthError, LoginCommand> of(String rawCode) {
        return Otp.of(rawCode).<AuthError>mapLeft(AuthError.InvalidInput::new).map(LoginCommand::new);
    }

    @Override
    public String toString() {
        return "LoginCommand[code=***]";
    }
}
