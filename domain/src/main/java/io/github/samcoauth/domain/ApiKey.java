package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The API key of an app in Samco's web dashboard, sent as the dashboard issues it (already
 * encrypted): an opaque secret. {@link #toString()} never shows it.
 */
public record ApiKey(String value) {

    public ApiKey {
        if (!Text.isOpaqueSecret(value)) {
            throw new IllegalArgumentException("not an API key; use ApiKey.of");
        }
    }

    public static Either<DomainError, ApiKey> of(String raw) {
        return Text.opaqueSecret(raw, "API key").map(ApiKey::new);
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
