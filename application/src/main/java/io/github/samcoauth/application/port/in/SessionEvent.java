package io.github.samcoauth.application.port.in;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Something about an account's session a platform must see. {@code expiresAt}: of the session in
 * use after the event. {@code detail}: why, in words (never a secret). {@code method}: how the
 * session the event is about was made, where there is one.
 *
 * @param account the account
 * @param detail why, in words
 * @param expiresAt when the session in use after the event expires, when there is one
 * @param method how the session was made, where there is one
 * @param type what happened
 */
public record SessionEvent(
        Type type, AccountId account, Option<Instant> expiresAt, String detail, Option<LoginMethod> method) {

    /**
     * Checks that no part is missing.
     *
     * @param type what happened
     * @param account the account
     * @param expiresAt when the session in use after the event expires, when there is one
     * @param detail why, in words
     * @param method how the session was made, where there is one
     */
    public SessionEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(method, "method");
    }

    /**
     * An event with no session's method to tell.
     *
     * @param type what happened
     * @param account the account
     * @param expiresAt when the session in use after the event expires, when there is one
     * @param detail why, in words
     */
    public SessionEvent(Type type, AccountId account, Option<Instant> expiresAt, String detail) {
        this(type, account, expiresAt, detail, Option.none());
    }

    /** {@link #label()} is the stable name a platform or {@code samco keep --json} matches on. */
    public enum Type {
        /** This instance holds the account's renewal lock and is renewing now. */
        RENEWING("renewing"),
        /** A new session is in use: renewed here or by another instance. */
        RENEWED("renewed"),
        /** A renewal was tried and failed; the old session is used until it expires. */
        RENEWAL_FAILED("renewal-failed"),
        /** Samco refused the session in use (401); a renewal follows. */
        REVOKED("revoked"),
        /** A session made with a login code cannot be renewed unattended: a person must log in. */
        NOT_RENEWABLE("not-renewable"),
        /** The session was removed from the store (logged out): none is served any more. */
        REMOVED("removed"),
        /** The store cannot be reached; the session in memory is served until it expires. */
        STORE_UNAVAILABLE("store-unavailable"),
        /** The store answers again. */
        STORE_AVAILABLE("store-available"),
        /** The store had lost the session (restarted empty); it was put back from memory. */
        RESTORED("restored"),
        /** The session in use expired and no successor could be had: none is served until one is made. */
        EXPIRED("expired");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /**
         * The stable name of the type in logs and {@code --json} output, e.g. {@code renewed}.
         *
         * @return the name
         */
        public String label() {
            return label;
        }
    }

    /** Told of every event, on the thread that saw it; must return quickly and not throw. */
    @FunctionalInterface
    public interface Listener {

        /**
         * Called on the thread that saw the event; must return quickly and not throw.
         *
         * @param event the event
         */
        void on(SessionEvent event);
    }
}
