package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE code verifier (RFC 7636): 32 random bytes, base64url without padding (43 characters), made
 * fresh for each OAuth login. Its {@link #challenge()} goes on the consent page's address; the
 * verifier itself only in the code exchange, so a code seen by anyone else cannot be redeemed. A
 * secret: {@link #toString()} never shows it.
 *
 * @param value the verifier
 */
public record PkceVerifier(String value) {

    /** RFC 7636 section 4.1: 43 to 128 characters of {@code [A-Z] [a-z] [0-9] - . _ ~}. */
    private static final CharRule VERIFIER = new CharRule(43, 128, "AZaz09--..__~~");

    /** The only method this library sends: the challenge is the verifier's SHA-256. */
    public static final String METHOD = "S256";

    /**
     * Checks the verifier; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the verifier
     */
    public PkceVerifier {
        if (!VERIFIER.test(value)) {
            throw new IllegalArgumentException("not a PKCE code verifier; use PkceVerifier.of or fresh");
        }
    }

    /**
     * A new verifier from 32 bytes of {@code random}.
     *
     * @param random the source of randomness, a {@link SecureRandom}
     * @return a verifier of 43 characters no one can guess
     */
    public static PkceVerifier fresh(SecureRandom random) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return new PkceVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A verifier kept from the start of a login: 43 to 128 characters of RFC 7636's alphabet.
     *
     * @param raw the verifier as it was stored
     * @return the verifier, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, PkceVerifier> of(String raw) {
        return Text.matching(raw, "code verifier", VERIFIER, "43 to 128 characters of A-Z a-z 0-9 - . _ ~")
                .map(PkceVerifier::new);
    }

    /**
     * {@code BASE64URL(SHA256(ASCII(verifier)))} without padding: the {@code S256} code challenge.
     *
     * @return the challenge sent with the authorization request
     */
    public String challenge() {
        return challengeOf(value);
    }

    /**
     * The {@code S256} challenge of any verifier text (a server checks what a client sent with this).
     *
     * @param verifier the verifier a client sent
     * @return its challenge
     */
    public static String challengeOf(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime must have SHA-256 (java.security.MessageDigest's contract)
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PkceVerifier[***]";
    }
}
