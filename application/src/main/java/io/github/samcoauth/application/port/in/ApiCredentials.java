package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.ApiSecret;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The API key and secret of an app in Samco's web dashboard: both secrets, never shown.
 *
 * @param key the API key
 * @param secret the API secret
 */
public record ApiCredentials(ApiKey key, ApiSecret secret) {

    /**
     * Checks that no part is missing.
     *
     * @param key the API key
     * @param secret the API secret
     */
    public ApiCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Both checked before anything is sent; a missing one is {@code InvalidInput}.
     *
     * @param rawKey the API key as pasted or read from the environment
     * @param rawSecret the API secret as pasted or read from the environment
     * @return the credentials, or what is wrong with them (never quoting them)
     */
    public static Either<AuthError, ApiCredentials> of(String rawKey, String rawSecret) {
        return ApiKey.of(rawKey)
                .flatMap(key -> ApiSecret.of(rawSecret).map(secret -> new ApiCredentials(key, secret)))
                .mapLeft(AuthError.InvalidInput::new);
    }

    @Override
    public String toString() {
        return "ApiCredentials[key=***, secret=***]";
    }
}
