package io.github.samcoauth.application.port.out;

import io.github.samcoauth.domain.ServerTime;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One authentication event. {@code subject} is the uid or account id when known; {@code msgId}
 * and {@code serverTime} are Samco's, for support requests. Holds no secret by construction.
 */
public record AuditEvent(
        Instant at,
        Type type,
        Option<String> subject,
        Option<String> msgId,
        Option<ServerTime> serverTime,
        String outcome) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(serverTime, "serverTime");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What happened. {@link #label()} is the stable name written to journals. */
    public enum Type {
        OTP_REQUESTED("otp-requested"),
        OTP_REJECTED("otp-rejected"),
        OTP_FAILED("otp-failed"),
        LOGIN_SUCCEEDED("login-succeeded"),
        LOGIN_REJECTED("login-rejected"),
        LOGIN_FAILED("login-failed"),
        CODE_MINTED("code-minted"),
        LOGOUT("logout"),
        LOGOUT_FAILED("logout-failed");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
