package io.github.samcoauth.application.port.out;

import io.github.samcoauth.domain.ServerTime;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * One authentication event. {@code subject} is the uid or account id when known; {@code msgId}
 * and {@code serverTime} are Samco's, for support requests. Holds no secret by construction.
 *
 * @param at when it happened
 * @param msgId Samco's {@code msgId}, when it gave one
 * @param outcome what came of it, in words
 * @param serverTime Samco's {@code serverTime}, when it gave one
 * @param subject the uid or account id, when known
 * @param type what happened
 */
public record AuditEvent(
        Instant at,
        Type type,
        Option<String> subject,
        Option<String> msgId,
        Option<ServerTime> serverTime,
        String outcome) {

    /**
     * Checks that no part is missing.
     *
     * @param at when it happened
     * @param type what happened
     * @param subject the uid or account id, when known
     * @param msgId Samco's {@code msgId}, when it gave one
     * @param serverTime Samco's {@code serverTime}, when it gave one
     * @param outcome what came of it, in words
     */
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
        /** An OTP was asked for and Samco sent it. */
        OTP_REQUESTED("otp-requested"),
        /** Samco refused to send an OTP. */
        OTP_REJECTED("otp-rejected"),
        /** No answer to an OTP request. */
        OTP_FAILED("otp-failed"),
        /** A login succeeded. */
        LOGIN_SUCCEEDED("login-succeeded"),
        /** Samco refused a login. */
        LOGIN_REJECTED("login-rejected"),
        /** No answer to a login. */
        LOGIN_FAILED("login-failed"),
        /** A session minted a login code. */
        CODE_MINTED("code-minted"),
        /** A session was logged out. */
        LOGOUT("logout"),
        /** A logout could not be done at Samco. */
        LOGOUT_FAILED("logout-failed");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /**
         * The stable name in the journal, e.g. {@code login-succeeded}.
         *
         * @return the name
         */
        public String label() {
            return label;
        }
    }
}
