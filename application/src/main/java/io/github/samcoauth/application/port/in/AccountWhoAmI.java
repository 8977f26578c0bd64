package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.port.out.WhoAmI;
import io.github.samcoauth.domain.AccountId;
import java.util.Objects;

/**
 * What Samco says of the IP a session's calls come from.
 *
 * @param account the account whose session asked
 * @param whoAmI what Samco said
 */
public record AccountWhoAmI(AccountId account, WhoAmI whoAmI) {

    /**
     * Checks that no part is missing.
     *
     * @param account the account whose session asked
     * @param whoAmI what Samco said
     */
    public AccountWhoAmI {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(whoAmI, "whoAmI");
    }
}
