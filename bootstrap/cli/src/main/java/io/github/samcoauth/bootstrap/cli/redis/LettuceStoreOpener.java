package io.github.samcoauth.bootstrap.cli.redis;

import io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.bootstrap.cli.RedisStoreOpener;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.Map;

/** The Redis store for the CLI: built here, in the one package of the CLI that may know Lettuce. */
public final class LettuceStoreOpener implements RedisStoreOpener {

    /** Made by reflection, through the class loader of {@code lib/redis/}. */
    public LettuceStoreOpener() {
        // nothing to set up
    }

    @Override
    public Either<AuthError, SessionStorePort> open(String url, Map<String, String> env, boolean plainText) {
        var builder = RedisSessionStoreAdapter.builder().uri(url);
        var key = env.get("SAMCO_STORE_KEY");
        if (key != null && !key.isBlank()) {
            builder.encryptionKeys(key);
        } else if (plainText) {
            builder.plainText();
        }
        var password = env.get("SAMCO_STORE_PASSWORD");
        if (password != null && !password.isEmpty()) {
            builder.password(password);
        }
        var sentinelPassword = env.get("SAMCO_STORE_SENTINEL_PASSWORD");
        var sentinelUser = env.get("SAMCO_STORE_SENTINEL_USER");
        if ((sentinelPassword != null && !sentinelPassword.isEmpty())
                || (sentinelUser != null && !sentinelUser.isEmpty())) {
            builder.sentinelPassword(sentinelUser, sentinelPassword);
        }
        var ca = fileIn(env, "SAMCO_STORE_CA");
        if (ca != null) {
            builder.trustedCertificates(ca);
        }
        var certificate = fileIn(env, "SAMCO_STORE_CERT");
        var certificateKey = fileIn(env, "SAMCO_STORE_CERT_KEY");
        if (certificate != null || certificateKey != null) {
            // one without the other is refused by the builder, naming both
            builder.clientCertificate(certificate, certificateKey);
        }
        return builder.build().map(store -> store);
    }

    /** The file a variable names; null when it is unset or blank. */
    private static Path fileIn(Map<String, String> env, String name) {
        var value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    @Override
    public String newKey() {
        return RedisSessionStoreAdapter.newEncryptionKey();
    }
}
