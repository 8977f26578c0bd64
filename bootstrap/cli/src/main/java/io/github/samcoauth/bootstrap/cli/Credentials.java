package io.github.samcoauth.bootstrap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
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
    private static final EnumSet<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

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
        try {
            var attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return invalid("a regular file (not a link, a directory or a FIFO)");
            }
            if (attributes.permissions().stream().anyMatch(OTHERS::contains)) {
                return invalid("readable by its owner only: run chmod 600 " + file);
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                return invalid("a small JSON file");
            }
            var json = new ObjectMapper().readTree(Files.readAllBytes(file));
            if (json == null
                    || !json.isObject()
                    || !json.path("apiKey").isTextual()
                    || !json.path("apiSecret").isTextual()) {
                return invalid("JSON {\"apiKey\":\"…\",\"apiSecret\":\"…\"}");
            }
            return ApiCredentials.of(
                    json.path("apiKey").asText(), json.path("apiSecret").asText());
        } catch (UnsupportedOperationException e) {
            return invalid("on a file system with POSIX permissions");
        } catch (IOException e) {
            return invalid("a readable file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Either<AuthError, ApiCredentials> invalid(String expected) {
        return Either.left(new AuthError.InvalidInput(new DomainError.Malformed("credentials file", expected)));
    }
}
