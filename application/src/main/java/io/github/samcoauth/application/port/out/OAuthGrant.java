package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.SessionToken;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code POST /oauth/token} grants: an access token (the session token) and the next refresh token.
 *
 * @param accessToken the session token
 * @param expiresIn how long the session token lives
 * @param profile the account's profile
 * @param refreshExpiresIn how long the refresh token lives
 * @param refreshToken the next refresh token
 * @param reply what Samco said with it
 */
public record OAuthGrant(
        SessionToken accessToken,
        AccountProfile profile,
        Duration expiresIn,
        RefreshToken refreshToken,
        Duration refreshExpiresIn,
        SamcoReply reply) {

    /**
     * Checks that no part is missing.
     *
     * @param accessToken the session token
     * @param profile the account's profile
     * @param expiresIn how long the session token lives
     * @param refreshToken the next refresh token
     * @param refreshExpiresIn how long the refresh token lives
     * @param reply what Samco said with it
     */
    public OAuthGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshExpiresIn, "refreshExpiresIn");
        Objects.requireNonNull(reply, "reply");
    }

    @Override
    public String toString() {
        return "OAuthGrant[account=" + profile.accountId() + ", accessToken=***, refreshToken=***]";
    }
}
