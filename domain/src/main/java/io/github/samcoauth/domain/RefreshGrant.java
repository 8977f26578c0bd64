package io.github.samcoauth.domain;

import java.time.Instant;
import java.util.Objects;

/** An OAuth session's refresh token and when it stops working; single use, rotated by each refresh. */
public record RefreshGrant(RefreshToken token, Instant expiresAt) {

    public RefreshGrant {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "RefreshGrant[token=***, expiresAt=" + expiresAt + "]";
    }
}
