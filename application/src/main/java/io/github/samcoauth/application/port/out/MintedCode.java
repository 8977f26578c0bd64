package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.domain.Otp;
import java.time.Duration;
import java.util.Objects;

/**
 * A login code minted by a session ({@code GET /webSecretCode}), valid for {@code expiresIn}.
 *
 * @param code the login code
 * @param expiresIn how long it lives
 * @param reply what Samco said with it
 */
public record MintedCode(Otp code, Duration expiresIn, SamcoReply reply) {

    /**
     * Checks that no part is missing.
     *
     * @param code the login code
     * @param expiresIn how long it lives
     * @param reply what Samco said with it
     */
    public MintedCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(reply, "reply");
    }

    @Override
    public String toString() {
        return "MintedCode[code=***, expiresIn=" + expiresIn + "]";
    }
}
