package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;

/** Asks Samco which IP it sees for the valid session, and whether it is a registered static IP. */
@FunctionalInterface
public interface WhoAmIUseCase {

    Either<AuthError, AccountWhoAmI> whoami(CurrentSessionCommand command);
}
