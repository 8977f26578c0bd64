package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;

/** Asks Samco which IP it sees for the valid session, and whether it is a registered static IP. */
@FunctionalInterface
public interface WhoAmIUseCase {

    /**
     * Asks Samco which IP it sees for the stored session, and whether it is registered.
     *
     * @param command which account's session asks
     * @return what Samco said, or why it could not be asked
     */
    Either<AuthError, AccountWhoAmI> whoami(CurrentSessionCommand command);
}
