package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Uid;
import io.vavr.control.Either;
import java.util.Objects;

public record RequestOtpCommand(Uid uid) {

    public RequestOtpCommand {
        Objects.requireNonNull(uid, "uid");
    }

    public static Either<AuthError, RequestOtpCommand> of(String rawUid) {
        return Uid.of(rawUid).<AuthError>mapLeft(AuthError.InvalidInput::new).map(RequestOtpCommand::new);
    }
}
