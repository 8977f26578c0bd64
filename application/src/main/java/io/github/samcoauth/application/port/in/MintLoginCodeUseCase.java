package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.vavr.control.Either;

/**
 * Mints a login code with the valid session ({@code GET /webSecretCode}) for another device, which
 * redeems it at {@code /webSecretCodeValidation}. Not retried: each call mints a new code.
 */
@FunctionalInterface
public interface MintLoginCodeUseCase {

    /**
     * A fresh login code minted by the stored session, for another device to log in with.
     *
     * @param command which account's session mints it
     * @return the code, or why there is none
     */
    Either<AuthError, AccountLoginCode> mint(CurrentSessionCommand command);
}
