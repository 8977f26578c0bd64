package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.util.Locale;

/** Shared checks for the string-backed value objects. */
final class Text {

    private static final CharRule CLIENT_CODE = new CharRule(3, 16, "AZ09");
    private static final String CLIENT_CODE_RULE = "3 to 16 letters or digits";

    private Text() {}

    /** Strips the raw value and checks it against the pattern; the value never enters the error. */
    static Either<DomainError, String> matching(String raw, String field, CharRule rule, String expected) {
        if (raw == null || raw.isBlank()) {
            return Either.left(new DomainError.Blank(field));
        }
        var stripped = raw.strip();
        return rule.test(stripped) ? Either.right(stripped) : Either.left(new DomainError.Malformed(field, expected));
    }

    /** A Samco client code ({@code DV99999}): trimmed, upper-cased, letters and digits. */
    static Either<DomainError, String> clientCode(String raw, String field) {
        return matching(raw == null ? null : raw.toUpperCase(Locale.ROOT), field, CLIENT_CODE, CLIENT_CODE_RULE);
    }

    static boolean isClientCode(String value) {
        return CLIENT_CODE.test(value);
    }

    /** An opaque secret as a dashboard issues it: printable ASCII without spaces, 8 to 4096 characters. */
    static final CharRule OPAQUE_SECRET = new CharRule(8, 4096, "!~");

    static Either<DomainError, String> opaqueSecret(String raw, String field) {
        return matching(raw, field, OPAQUE_SECRET, "8 to 4096 printable characters without spaces");
    }

    static boolean isOpaqueSecret(String value) {
        return OPAQUE_SECRET.test(value);
    }

    /** True when the text holds no ISO control character. */
    static boolean printable(String value) {
        // a surrogate is never a control character, so char by char is code point by code point
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
