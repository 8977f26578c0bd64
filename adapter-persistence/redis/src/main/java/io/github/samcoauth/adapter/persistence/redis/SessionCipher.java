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
 * AES-256-GCM with the store keys: {@code KEYID.BASE64(nonce ‖ ciphertext ‖ tag)}, the id naming the
 * key that sealed it, so that keys can be rotated: the first key seals, every key given opens. What
 * the associated data binds is the caller's ({@link RedisSessionCodec}). No keys: nothing is sealed
 * (the platform chose plain text).
 */
final class SessionCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

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

    /** {@code plain} sealed with the first key, bound to {@code associated}; only when {@link #seals()}. */
    String seal(byte[] plain, byte[] associated) {
        var key = keys.head();
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            var sealed = cipher.doFinal(plain);
            var out =
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return key.id + "." + Base64.getEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** What {@code sealed} holds, if it opens with a key given here and {@code associated}; else why not. */
    Either<String, byte[]> open(String sealed, byte[] associated) {
        int dot = sealed.indexOf('.');
        if (dot < 0) {
            return Either.left("not a value samco-auth writes");
        }
        var id = sealed.substring(0, dot);
        Option<Key> key = keys.find(k -> k.id.equals(id));
        if (key.isEmpty()) {
            return Either.left(
                    keys.isEmpty()
                            ? "encrypted, and no store key was given"
                            : "encrypted with a key not given here (key id "
                                    + (id.matches("[0-9a-f]{8}") ? id : "unreadable") + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Either.left("not a value samco-auth writes");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return Either.left("not a value samco-auth writes");
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get().spec, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associated);
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
