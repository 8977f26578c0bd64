package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.util.Arrays;

/** How a session was obtained, which decides how it is renewed and ended. */
public enum LoginMethod {
    /** A login code redeemed at {@code /webSecretCodeValidation}: only a person can renew it. */
    LOGIN_CODE("login-code"),
    /** The dashboard's API key and secret at {@code /session/token}: renewed unattended with them. */
    API_KEY("api-key"),
    /** OAuth 2.1 authorization code at {@code /oauth/token}: renewed with its refresh token. */
    OAUTH("oauth");

    private final String label;

    LoginMethod(String label) {
        this.label = label;
    }

    /**
     * The stable name in session files and {@code --json} output.
     *
     * @return {@code login-code}, {@code api-key} or {@code oauth}
     */
    public String label() {
        return label;
    }

    /**
     * The method a label names, as {@link #label()} writes it.
     *
     * @param label the label read back from a session file or typed by the user
     * @return the method, or an error naming the three labels
     */
    public static Either<DomainError, LoginMethod> of(String label) {
        return Arrays.stream(values())
                .filter(m -> m.label.equals(label))
                .findFirst()
                .<Either<DomainError, LoginMethod>>map(Either::right)
                .orElseGet(
                        () -> Either.left(new DomainError.Malformed("login method", "login-code, api-key or oauth")));
    }
}
