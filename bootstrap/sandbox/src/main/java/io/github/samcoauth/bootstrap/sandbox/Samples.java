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

    Samples(ObjectMapper json) {
        this.generateOtpSuccess = read(json, "generate-otp-success.json");
        this.generateOtpFailure = read(json, "generate-otp-failure.json");
        this.loginSuccess = read(json, "login-success.json");
        this.loginFailure = read(json, "login-failure.json");
        this.logoutSuccess = read(json, "logout-success.json");
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
}
