package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.SessionToken;
import java.util.Objects;

/**
 * What a redeemed login code yields.
 *
 * @param profile the account's profile
 * @param reply what Samco said with it
 * @param token the session token
 */
public record LoginGrant(SessionToken token, AccountProfile profile, SamcoReply reply) {

    /**
     * Checks that no part is missing.
     *
     * @param token the session token
     * @param profile the account's profile
     * @param reply what Samco said with it
     */
    public LoginGrant {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reply, "reply");
    }

    @Override
    public String toString() {
        return "LoginGrant[account=" + profile.accountId() + ", token=***]";
    }
}
