package io.github.samcoauth.domain;

import io.vavr.control.Either;

/** The rule shared by exchange, order-type and product codes. */
final class MarketCodes {

    private static final int MAX = 32;

    private MarketCodes() {}

    static boolean valid(String code) {
        return code != null
                && !code.isEmpty()
                && code.length() <= MAX
                && code.equals(code.strip())
                && Text.printable(code);
    }

    static Either<DomainError, String> parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return Either.left(new DomainError.Blank(field));
        }
        var code = raw.strip();
        return valid(code)
                ? Either.right(code)
                : Either.left(new DomainError.Malformed(field, "up to " + MAX + " printable characters"));
    }
}
