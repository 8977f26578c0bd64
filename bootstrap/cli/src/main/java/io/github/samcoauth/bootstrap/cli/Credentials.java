package io.github.samcoauth.bootstrap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The dashboard's API key and secret for the CLI: from {@code --credentials FILE} (JSON
 * {@code {"apiKey","apiSecret"}}, refused unless it is a regular file only its owner can read), else
 * from {@code SAMCO_API_KEY} and {@code SAMCO_API_SECRET}. Never from an option's value: it would
 * show in {@code ps}.
 */
final class Credentials {

    static final String KEY_VARIABLE = "SAMCO_API_KEY";
    static final String SECRET_VARIABLE = "SAMCO_API_SECRET";
    static final String HINT = "set " + KEY_VARIABLE + " and " + SECRET_VARIABLE
            + ", or pass --credentials FILE (JSON {\"apiKey\",\"apiSecret\"}, chmod 600)";

    private static final int MAX_FILE_BYTES = 64 * 1024;

    private Credentials() {}

    /** The credentials, required: a missing one is {@code InvalidInput}, and nothing is sent. */
    static Either<AuthError, ApiCredentials> required(Map<String, String> env, Path file) {
        return file != null ? fromFile(file) : ApiCredentials.of(env.get(KEY_VARIABLE), env.get(SECRET_VARIABLE));
    }

    /** The API key alone (OAuth needs no secret): from the file, else {@code SAMCO_API_KEY}. */
    static Either<AuthError, String> apiKeyOnly(Map<String, String> env, Path file) {
        if (file != null) {
            return fromFile(file).map(credentials -> credentials.key().value());
        }
        return ApiKey.of(env.get(KEY_VARIABLE))
                .<AuthError>mapLeft(AuthError.InvalidInput::new)
                .map(ApiKey::value);
    }

    /** The credentials if any were given (a session made another way needs none). */
    static Either<AuthError, Option<ApiCredentials>> optional(Map<String, String> env, Path file) {
        // SAMCO_API_KEY alone is what an OAuth login needs: it is not a half-given key and secret
        if (file == null && (blank(env.get(KEY_VARIABLE)) || blank(env.get(SECRET_VARIABLE)))) {
            return Either.right(Option.none());
        }
        return required(env, file).map(Option::some);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Either<AuthError, ApiCredentials> fromFile(Path file) {
        var bytes = PrivateFile.read(file, MAX_FILE_BYTES);
        if (bytes.isLeft()) {
            return invalid(bytes.getLeft());
        }
        try {
            var json = new ObjectMapper().readTree(bytes.get());
            if (json == null
                    || !json.isObject()
                    || !json.path("apiKey").isTextual()
                    || !json.path("apiSecret").isTextual()) {
                return invalid("JSON {\"apiKey\":\"…\",\"apiSecret\":\"…\"}");
            }
            return ApiCredentials.of(
                    json.path("apiKey").asText(), json.path("apiSecret").asText());
        } catch (IOException e) {
            return invalid("JSON {\"apiKey\":\"…\",\"apiSecret\":\"…\"}");
        }
    }

    private static Either<AuthError, ApiCredentials> invalid(String expected) {
        return Either.left(new AuthError.InvalidInput(new DomainError.Malformed("credentials file", expected)));
    }
}
