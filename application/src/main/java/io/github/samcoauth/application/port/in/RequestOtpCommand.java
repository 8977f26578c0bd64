package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Uid;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * A request for an OTP by SMS and e-mail.
 *
 * @param uid the user id
 */
public record RequestOtpCommand(Uid uid) {

    /**
     * Checks that the user id is there.
     *
     * @param uid the user id
     */
    public RequestOtpCommand {
        Objects.requireNonNull(uid, "uid");
    }

    /**
     * The user id as typed, checked before anything is sent.
     *
     * @param rawUid the user id as typed
     * @return the command, or why {@code rawUid} is not a user id
     */
    public static Either<AuthError, RequestOtpCommand> of(String rawUid) {
        return Uid.of(rawUid).<AuthError>mapLeft(AuthError.InvalidInput::new).map(RequestOtpCommand::new);
    }
}
