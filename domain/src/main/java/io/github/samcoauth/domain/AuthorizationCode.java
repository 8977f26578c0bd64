package io.github.samcoauth.domain;

import io.vavr.control.Either;

/** A short-lived OAuth 2.1 authorization code from Samco's consent page, exchanged exactly once. A secret: {@link #toString()} never shows it. */
public record AuthorizationCode(String value) {

    public AuthorizationCode {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not an OAuth authorization code; use AuthorizationCode.of");
        }
    }

    public static Either<DomainError, AuthorizationCode> of(String raw) {
        return Text.opaqueSecret(raw, "OAuth authorization code").map(AuthorizationCode::new);
    }

    @Override
    public String toString() {
        return "AuthorizationCode[***]";
    }
}
