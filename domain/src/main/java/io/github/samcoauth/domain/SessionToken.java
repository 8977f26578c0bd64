package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The secret that authenticates every call after login: 32 hex characters today, a JWT in newer
 * flows. Treated as opaque. {@link #value()} is the only way to read it; {@link #toString()} never
 * shows it.
 *
 * @param value the token
 */
public record SessionToken(String value) {

    /** Printable ASCII without spaces, 8 to 4096 characters. */
    private static final CharRule TOKEN = Text.OPAQUE_SECRET;

    /**
     * Checks the token; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the token
     */
    public SessionToken {
        if (!TOKEN.test(value)) {
            throw new IllegalArgumentException("not a session token; use SessionToken.of");
        }
    }

    /**
     * A session token as Samco gave it: an opaque secret, trimmed.
     *
     * @param raw the token as received or stored
     * @return the token, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, SessionToken> of(String raw) {
        return Text.matching(raw, "session token", TOKEN, "8 to 4096 printable ASCII characters without spaces")
                .map(SessionToken::new);
    }

    @Override
    public String toString() {
        return "SessionToken[***]";
    }
}
