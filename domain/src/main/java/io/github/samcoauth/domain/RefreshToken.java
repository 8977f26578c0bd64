package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * An OAuth refresh token: used once (Samco rotates it), then forgotten. A secret: {@link #toString()} never shows it.
 *
 * @param value the token
 */
public record RefreshToken(String value) {

    /**
     * Checks the token; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the token
     */
    public RefreshToken {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not a refresh token; use RefreshToken.of");
        }
    }

    /**
     * A refresh token as Samco's token endpoint gave it: an opaque secret, trimmed.
     *
     * @param raw the token as received or stored
     * @return the token, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, RefreshToken> of(String raw) {
        return Text.opaqueSecret(raw, "refresh token").map(RefreshToken::new);
    }

    @Override
    public String toString() {
        return "RefreshToken[***]";
    }
}
