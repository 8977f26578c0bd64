package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Otp;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * A login with a code from Samco's SMS or from another session ({@code GET /webSecretCode}).
 *
 * @param code the login code
 */
public record LoginCommand(Otp code) {

    /**
     * Checks that the code is there.
     *
     * @param code the login code
     */
    public LoginCommand {
        Objects.requireNonNull(code, "code");
    }

    /**
     * The code as typed, checked before anything is sent.
     *
     * @param rawCode the code as typed
     * @return the command, or why {@code rawCode} is not a login code
     */
    public static Either<AuthError, LoginCommand> of(String rawCode) {
        return Otp.of(rawCode).<AuthError>mapLeft(AuthError.InvalidInput::new).map(LoginCommand::new);
    }

    @Override
    public String toString() {
        return "LoginCommand[code=***]";
    }
}
