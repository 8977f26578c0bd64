package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.util.Locale;
import java.util.regex.Pattern;

/** Shared checks for the string-backed value objects. */
final class Text {

    private static final Pattern CLIENT_CODE = Pattern.compile("[A-Z0-9]{3,16}");
    private static final String CLIENT_CODE_RULE = "3 to 16 letters or digits";

    private Text() {}

    /** Strips the raw value and checks it against the pattern; the value never enters the error. */
    static Either<DomainError, String> matching(String raw, String field, Pattern pattern, String expected) {
        if (raw == null || raw.isBlank()) {
            return Either.left(new DomainError.Blank(field));
        }
        var stripped = raw.strip();
        return pattern.matcher(stripped).matches()
                ? Either.right(stripped)
                : Either.left(new DomainError.Malformed(field, expected));
    }

    /** A Samco client code ({@code DV99999}): trimmed, upper-cased, letters and digits. */
    static Either<DomainError, String> clientCode(String raw, String field) {
        return matching(raw == null ? null : raw.toUpperCase(Locale.ROOT), field, CLIENT_CODE, CLIENT_CODE_RULE);
    }

    static boolean isClientCode(String value) {
        return value != null && CLIENT_CODE.matcher(value).matches();
    }

    /** An opaque secret as a dashboard issues it: printable ASCII without spaces, 8 to 4096 characters. */
    private static final Pattern OPAQUE_SECRET = Pattern.compile("[\\x21-\\x7E]{8,4096}");

    static Either<DomainError, String> opaqueSecret(String raw, String field) {
        return matching(raw, field, OPAQUE_SECRET, "8 to 4096 printable characters without spaces");
    }

    static boolean isOpaqueSecret(String value) {
        return value != null && OPAQUE_SECRET.matcher(value).matches();
    }

    /** True when the text holds no ISO control character. */
    static boolean printable(String value) {
        return value.codePoints().noneMatch(Character::isISOControl);
    }
}
