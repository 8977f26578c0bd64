package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.domain.DomainError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a session is written in Redis: AES-256-GCM with the Redis key's name as associated data (a
 * value copied under another account's key does not open), or plain JSON when the platform said
 * so. The value starts with its version and, when sealed, the id of the key that sealed it, so that
 * keys can be rotated: the first key seals, every key given opens.
 *
 * <pre>
 *   s1.KEYID.BASE64(nonce ‖ ciphertext ‖ tag)     sealed
 *   p1.JSON                                         plain
 * </pre>
 */
final class SessionCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String SEALED = "s1.";
    private static final String PLAIN = "p1.";

    private record Key(String id, SecretKeySpec spec) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final List<Key> keys;
    private final SecureRandom random = new SecureRandom();

    private SessionCipher(List<Key> keys) {
        this.keys = keys;
    }

    /** Stores plain JSON: the token is readable by anyone who can read Redis. */
    static SessionCipher plainText() {
        return new SessionCipher(List.empty());
    }

    /**
     * Keys as base64 of 32 random bytes, comma-separated: the first seals, all open (the rest are
     * older keys, kept while a rotation runs).
     */
    static Either<DomainError, SessionCipher> of(String base64Keys) {
        var expected = new DomainError.Malformed("store key", "base64 of 32 random bytes (samco keygen prints one)");
        if (base64Keys == null || base64Keys.isBlank()) {
            return Either.left(new DomainError.Blank("store key"));
        }
        var parsed = List.<Key>empty();
        for (var raw : base64Keys.split(",")) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(raw.strip());
            } catch (IllegalArgumentException e) {
                return Either.left(expected);
            }
            if (bytes.length != 32) {
                return Either.left(expected);
            }
            parsed = parsed.append(new Key(idOf(bytes), new SecretKeySpec(bytes, "AES")));
        }
        return Either.right(new SessionCipher(parsed));
    }

    /** A fresh key, base64 of 32 random bytes. */
    static String newKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    boolean seals() {
        return !keys.isEmpty();
    }

    private static String idOf(byte[] key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update("samco-auth store key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The value to store under {@code redisKey}. */
    String seal(byte[] json, String redisKey) {
        if (keys.isEmpty()) {
            return PLAIN + new String(json, StandardCharsets.UTF_8);
        }
        var key = keys.head();
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
            var sealed = cipher.doFinal(json);
            var out =
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return SEALED + key.id + "." + Base64.getEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The JSON stored under {@code redisKey}, or why it cannot be had. */
    Either<String, byte[]> open(String value, String redisKey) {
        if (value.startsWith(PLAIN)) {
            if (!keys.isEmpty()) {
                return Either.left("stored in plain text, but this store is set to encrypt: save it again");
            }
            return Either.right(value.substring(PLAIN.length()).getBytes(StandardCharsets.UTF_8));
        }
        if (!value.startsWith(SEALED)) {
            return Either.left("not a value samco-auth writes");
        }
        int dot = value.indexOf('.', SEALED.length());
        if (dot < 0) {
            return Either.left("not a value samco-auth writes");
        }
        var id = value.substring(SEALED.length(), dot);
        Option<Key> key = keys.find(k -> k.id.equals(id));
        if (key.isEmpty()) {
            return Either.left(
                    keys.isEmpty()
                            ? "encrypted, and no store key was given"
                            : "encrypted with a key not given here (key id " + id + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Either.left("not a value samco-auth writes");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Either.left("not a value samco-auth writes");
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get().spec, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
            return Either.right(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            return Either.left("does not open with the store key (altered, or moved from another key)");
        }
    }

    @Override
    public String toString() {
        return keys.isEmpty()
                ? "SessionCipher[plain text]"
                : "SessionCipher" + keys.map(Key::id).toJavaList();
    }
}
