package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.util.Locale;

/**
 * A one-time password or login code ({@code NUWL3586}): a secret, single use. Samco's codes are
 * upper-case letters and digits, so a code typed in lower case is the same code: it is upper-cased.
 *
 * @param value the code
 */
public record Otp(String value) {

    private static final CharRule CODE = new CharRule(4, 16, "AZ09");
    private static final String FIELD = "login code";

    /**
     * Checks the code; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the code
     */
    public Otp {
        if (!CODE.test(value)) {
            throw new IllegalArgumentException("not a login code; use Otp.of");
        }
    }

    /**
     * Trims and upper-cases; 4 to 16 letters or digits in one word.
     *
     * @param raw the code as the user typed it from the SMS
     * @return the code, or why {@code raw} is not one (never quoting it)
     */
    public static Either<DomainError, Otp> of(String raw) {
        if (raw != null && raw.strip().codePoints().anyMatch(Character::isWhitespace)) {
            return Either.left(new DomainError.Malformed(
                    FIELD,
                    "4 to 16 letters or digits in one word, without the space it has (type KJL7 NHDQ as KJL7NHDQ)"));
        }
        return Text.matching(
                        raw == null ? null : raw.toUpperCase(Locale.ROOT), FIELD, CODE, "4 to 16 letters or digits")
                .map(Otp::new);
    }

    @Override
    public String toString() {
        return "Otp[***]";
    }
}
