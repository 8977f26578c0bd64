package io.github.samcoauth.domain;

import io.vavr.control.Either;

/** An OAuth refresh token: used once (Samco rotates it), then forgotten. A secret: {@link #toString()} never shows it. */
public record RefreshToken(String value) {

    public RefreshToken {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not a refresh token; use RefreshToken.of");
        }
    }

    public static Either<DomainError, RefreshToken> of(String raw) {
        return Text.opaqueSecret(raw, "refresh token").map(RefreshToken::new);
    }

    @Override
    public String toString() {
        return "RefreshToken[***]";
    }
}
