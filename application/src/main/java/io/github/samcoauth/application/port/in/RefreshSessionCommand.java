package io.github.samcoauth.application.port.in;

import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Which session to renew ({@code account} empty: the only stored one, valid or expired) and the
 * credentials an API-key session is renewed with.
 *
 * @param account the account; empty: the only stored session
 * @param credentials the API key and secret, for an API-key session
 */
public record RefreshSessionCommand(Option<AccountId> account, Option<ApiCredentials> credentials) {

    /**
     * Checks that no part is missing.
     *
     * @param account the account; empty: the only stored session
     * @param credentials the API key and secret, for an API-key session
     */
    public RefreshSessionCommand {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(credentials, "credentials");
    }
}
