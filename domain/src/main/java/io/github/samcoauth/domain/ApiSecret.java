package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The API secret of an app in Samco's web dashboard (shown once there), sent as issued (already
 * encrypted): an opaque secret. {@link #toString()} never shows it.
 */
public record ApiSecret(String value) {

    public ApiSecret {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not an API secret; use ApiSecret.of");
        }
    }

    public static Either<DomainError, ApiSecret> of(String raw) {
        return Text.opaqueSecret(raw, "API secret").map(ApiSecret::new);
    }

    @Override
    public String toString() {
        return "ApiSecret[***]";
    }
}
