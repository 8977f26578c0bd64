package io.github.samcoauth.bootstrap.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Samco's documented sample answers, byte for byte as its pages show them, in
 * {@code samples/*.json} beside this class. The HTTP client's tests read the same files: the
 * repository holds one copy of Samco's wire format. Each call returns a fresh copy to fill in.
 */
final class Samples {

    private final ObjectNode generateOtpSuccess;
    private final ObjectNode generateOtpFailure;
    private final ObjectNode loginSuccess;
    private final ObjectNode loginFailure;
    private final ObjectNode logoutSuccess;
    private final ObjectNode sessionTokenSuccess;
    private final ObjectNode sessionTokenFailure;
    private final ObjectNode whoamiSuccess;
    private final ObjectNode webSecretCodeSuccess;
    private final ObjectNode unauthorized;
    private final ObjectNode oauthTokenSuccess;
    private final ObjectNode oauthError;
    private final ObjectNode oauthRevokeSuccess;

    Samples(ObjectMapper json) {
        this.generateOtpSuccess = read(json, "generate-otp-success.json");
        this.generateOtpFailure = read(json, "generate-otp-failure.json");
        this.loginSuccess = read(json, "login-success.json");
        this.loginFailure = read(json, "login-failure.json");
        this.logoutSuccess = read(json, "logout-success.json");
        this.sessionTokenSuccess = read(json, "session-token-success.json");
        this.sessionTokenFailure = read(json, "session-token-failure.json");
        this.whoamiSuccess = read(json, "whoami-success.json");
        this.webSecretCodeSuccess = read(json, "web-secret-code-success.json");
        this.unauthorized = read(json, "unauthorized.json");
        this.oauthTokenSuccess = read(json, "oauth-token-success.json");
        this.oauthError = read(json, "oauth-error.json");
        this.oauthRevokeSuccess = read(json, "oauth-revoke-success.json");
    }

    private static ObjectNode read(ObjectMapper json, String name) {
        try (var in = Samples.class.getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox jar lacks its sample " + name);
            }
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode generateOtpSuccess() {
        return generateOtpSuccess.deepCopy();
    }

    ObjectNode generateOtpFailure() {
        return generateOtpFailure.deepCopy();
    }

    ObjectNode loginSuccess() {
        return loginSuccess.deepCopy();
    }

    /** The failure sample; the caller sets {@code validationErrors}. */
    ObjectNode loginFailure() {
        var failure = loginFailure.deepCopy();
        failure.remove("validationErrors");
        return failure;
    }

    ObjectNode logoutSuccess() {
        return logoutSuccess.deepCopy();
    }

    ObjectNode sessionTokenSuccess() {
        return sessionTokenSuccess.deepCopy();
    }

    ObjectNode sessionTokenFailure() {
        return sessionTokenFailure.deepCopy();
    }

    ObjectNode whoamiSuccess() {
        return whoamiSuccess.deepCopy();
    }

    ObjectNode webSecretCodeSuccess() {
        return webSecretCodeSuccess.deepCopy();
    }

    ObjectNode unauthorized() {
        return unauthorized.deepCopy();
    }

    ObjectNode oauthTokenSuccess() {
        return oauthTokenSuccess.deepCopy();
    }

    ObjectNode oauthError() {
        return oauthError.deepCopy();
    }

    ObjectNode oauthRevokeSuccess() {
        return oauthRevokeSuccess.deepCopy();
    }
}
