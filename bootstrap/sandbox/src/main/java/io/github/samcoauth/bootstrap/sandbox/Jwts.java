package io.github.samcoauth.bootstrap.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The sandbox's session tokens: HS256 JWTs with {@code sub}, {@code iat}, {@code exp} and {@code jti}, as Samco's are JWTs. */
final class Jwts {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key = new byte[32];

    Jwts() {
        new SecureRandom().nextBytes(key);
    }

    String issue(String account, Instant issuedAt, Instant expiresAt) {
        var header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        var payload = B64.encodeToString(("{\"sub\":\"" + account + "\",\"iat\":" + issuedAt.getEpochSecond()
                        + ",\"exp\":" + expiresAt.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        var signed = header + "." + payload;
        return signed + "." + B64.encodeToString(sign(signed));
    }

    private byte[] sign(String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
