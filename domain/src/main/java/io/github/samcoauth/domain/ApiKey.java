package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The API key of an app in Samco's web dashboard, sent as the dashboard issues it (already
 * encrypted): an opaque secret. {@link #toString()} never shows it.
 *
 * @param value the key
 */
public record ApiKey(String value) {

    /**
     * Checks the key; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the key
     */
    public ApiKey {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not an API key; use ApiKey.of");
        }
    }

    /**
     * The API key as the dashboard shows it: an opaque secret of printable characters, trimmed.
     *
     * @param raw the key as pasted or read from the environment
     * @return the key, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, ApiKey> of(String raw) {
        return Text.opaqueSecret(raw, "API key").map(ApiKey::new);
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
