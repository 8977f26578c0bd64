package io.github.samcoauth.application.port.in;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * What the browser brought to the redirect URL: {@code state} and either {@code code} or
 * {@code error} (e.g. {@code access_denied}) with Samco's {@code errorMessage}. Raw: checked by the
 * use case before anything is sent.
 *
 * @param code the {@code code} parameter
 * @param error the {@code error} parameter
 * @param errorMessage Samco's {@code errorMessage} parameter
 * @param state the {@code state} parameter
 */
public record OAuthCallback(
        Option<String> state, Option<String> code, Option<String> error, Option<String> errorMessage) {

    /**
     * Checks that no part is missing (each may be empty).
     *
     * @param state the {@code state} parameter
     * @param code the {@code code} parameter
     * @param error the {@code error} parameter
     * @param errorMessage Samco's {@code errorMessage} parameter
     */
    public OAuthCallback {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    @Override
    public String toString() {
        return "OAuthCallback[state=***, code=***, error=" + error.getOrElse("") + "]";
    }
}
