package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --store} / {@code SAMCO_STORE}: {@code file:DIR} or a Redis URL. The Redis classes are
 * touched only when a Redis URL is given, so the file store's commands load none of them.
 */
final class StoreOption {

    /** Where the journal lives (always a directory) and, for a fleet, the Redis URL of the sessions. */
    record Where(Path stateDir, Option<String> redisUrl) {}

    private static final String EXPECTED = "file:DIR, redis://[user:password@]host[:port][/db] or rediss://…";

    private StoreOption() {}

    static Either<AuthError, Where> parse(String raw, Path stateDir) {
        if (raw == null || raw.isBlank()) {
            return Either.right(new Where(stateDir, Option.none()));
        }
        var value = raw.strip();
        if (value.startsWith("file:")) {
            var dir = value.substring("file:".length());
            if (dir.isBlank()) {
                return invalid();
            }
            try {
                return Either.right(new Where(Path.of(dir), Option.none()));
            } catch (RuntimeException e) {
                return invalid();
            }
        }
        if (value.startsWith("redis://") || value.startsWith("rediss://")) {
            return Either.right(new Where(stateDir, Option.some(value)));
        }
        return invalid();
    }

    private static Either<AuthError, Where> invalid() {
        return Either.left(new AuthError.InvalidInput(new DomainError.Malformed("store", EXPECTED)));
    }

    /** The Redis store of {@code url}, sealed with {@code SAMCO_STORE_KEY} unless plain text was asked for. */
    static Either<AuthError, RedisSessionStoreAdapter> redis(String url, Map<String, String> env, boolean plainText) {
        var builder = RedisSessionStoreAdapter.builder().uri(url);
        var key = env.get("SAMCO_STORE_KEY");
        if (key != null && !key.isBlank()) {
            builder.encryptionKeys(key);
        } else if (plainText) {
            builder.plainText();
        }
        var ca = env.get("SAMCO_STORE_CA");
        if (ca != null && !ca.isBlank()) {
            builder.trustedCertificates(Path.of(ca));
        }
        return builder.build();
    }

    /** A fresh key for {@code SAMCO_STORE_KEY}. */
    static String newKey() {
        return RedisSessionStoreAdapter.newEncryptionKey();
    }
}
