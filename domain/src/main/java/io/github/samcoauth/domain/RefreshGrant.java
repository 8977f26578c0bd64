package io.github.samcoauth.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth session's refresh token and when it stops working; single use, rotated by each refresh.
 *
 * @param expiresAt when it stops working
 * @param token the refresh token
 */
public record RefreshGrant(RefreshToken token, Instant expiresAt) {

    /**
     * Checks that no part is missing.
     *
     * @param token the refresh token
     * @param expiresAt when it stops working
     */
    public RefreshGrant {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether the refresh token may still be used.
     *
     * @param now the time to ask about
     * @return {@code true} before {@link #expiresAt()}
     */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "RefreshGrant[token=***, expiresAt=" + expiresAt + "]";
    }
}
