package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.port.out.MintedCode;
import io.github.samcoauth.domain.AccountId;
import java.util.Objects;

/**
 * A login code minted by a session of {@code account}, for another device.
 *
 * @param account the account whose session minted the code
 * @param minted the code and how long it lives
 */
public record AccountLoginCode(AccountId account, MintedCode minted) {

    /**
     * Checks that no part is missing.
     *
     * @param account the account whose session minted the code
     * @param minted the code and how long it lives
     */
    public AccountLoginCode {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(minted, "minted");
    }
}
