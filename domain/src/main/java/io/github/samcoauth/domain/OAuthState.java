package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The OAuth {@code state}: 32 random bytes, base64url, sent to the consent page and expected back on
 * the callback, compared in constant time. It binds a callback to the login that asked for it.
 *
 * @param value the state
 */
public record OAuthState(String value) {

    private static final CharRule STATE = new CharRule(16, 128, "AZaz09__--");

    /**
     * Checks the state; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the state
     */
    public OAuthState {
        if (!STATE.test(value)) {
            throw new IllegalArgumentException("not an OAuth state; use OAuthState.of or fresh");
        }
    }

    /**
     * A new state from {@code random}.
     *
     * @param random the source of randomness, a {@link SecureRandom}
     * @return a state no one can guess
     */
    public static OAuthState fresh(SecureRandom random) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return new OAuthState(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The state as the redirect carried it back.
     *
     * @param raw the {@code state} parameter of the redirect
     * @return the state, or why {@code raw} is not one
     */
    public static Either<DomainError, OAuthState> of(String raw) {
        return Text.matching(raw, "state", STATE, "16 to 128 URL-safe characters")
                .map(OAuthState::new);
    }

    /**
     * Whether {@code other} is this state, in time that does not depend on where they differ.
     *
     * @param other the state the redirect carried
     * @return {@code true} when they are equal
     */
    public boolean matches(String other) {
        return other != null
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OAuthState[***]";
    }
}
