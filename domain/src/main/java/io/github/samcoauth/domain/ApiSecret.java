package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The API secret of an app in Samco's web dashboard (shown once there), sent as issued (already
 * encrypted): an opaque secret. {@link #toString()} never shows it.
 *
 * @param value the secret
 */
public record ApiSecret(String value) {

    /**
     * Checks the secret; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the secret
     */
    public ApiSecret {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not an API secret; use ApiSecret.of");
        }
    }

    /**
     * The API secret as the dashboard shows it: an opaque secret of printable characters, trimmed.
     *
     * @param raw the secret as pasted or read from the environment
     * @return the secret, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, ApiSecret> of(String raw) {
        return Text.opaqueSecret(raw, "API secret").map(ApiSecret::new);
    }

    @Override
    public String toString() {
        return "ApiSecret[***]";
    }
}
