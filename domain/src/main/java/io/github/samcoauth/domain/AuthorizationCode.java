package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * A short-lived OAuth 2.1 authorization code from Samco's consent page, exchanged exactly once. A secret: {@link #toString()} never shows it.
 *
 * @param value the code
 */
public record AuthorizationCode(String value) {

    /**
     * Checks the code; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the code
     */
    public AuthorizationCode {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not an OAuth authorization code; use AuthorizationCode.of");
        }
    }

    /**
     * An OAuth authorization code as the redirect carried it: an opaque secret, trimmed.
     *
     * @param raw the code from the redirect's query
     * @return the code, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, AuthorizationCode> of(String raw) {
        return Text.opaqueSecret(raw, "OAuth authorization code").map(AuthorizationCode::new);
    }

    @Override
    public String toString() {
        return "AuthorizationCode[***]";
    }
}
