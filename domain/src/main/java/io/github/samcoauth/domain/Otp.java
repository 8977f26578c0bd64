package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.util.regex.Pattern;

/** A one-time password or login code ({@code NUWL3586}): a secret, single use, case kept. */
public record Otp(String value) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{4,16}");

    public Otp {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a login code; use Otp.of");
        }
    }

    /** Trims; 4 to 16 letters or digits. */
    public static Either<DomainError, Otp> of(String raw) {
        return Text.matching(raw, "otp", CODE, "4 to 16 letters or digits").map(Otp::new);
    }

    @Override
    public String toString() {
        return "Otp[***]";
    }
}
