package io.github.samcoauth.application.keeping;

import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * What a session source tells the platform, each occurrence once: {@code revoked} once per token,
 * {@code renewed} once per new session (a renewal's own save seen again by a check is not a second
 * one), {@code not-renewable} and {@code expired} once per session. A listener that throws is the platform's bug: the
 * session is kept all the same.
 */
final class SessionEvents {

    private final SessionEvent.Listener listener;
    private SessionToken toldRevoked;
    private SessionToken toldRenewed;
    private SessionToken toldNotRenewable;
    private SessionToken toldExpired;

    SessionEvents(SessionEvent.Listener listener) {
        this.listener = listener;
    }

    void say(SessionEvent.Type type, AccountId account, Option<Instant> expiresAt, String detail) {
        tell(new SessionEvent(type, account, expiresAt, detail));
    }

    void say(SessionEvent.Type type, Session session, String detail) {
        tell(new SessionEvent(
                type, session.accountId(), Option.some(session.expiresAt()), detail, Option.some(session.method())));
    }

    private void tell(SessionEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            // the platform's listener failed; the session is kept all the same
        }
    }

    /** Samco refused {@code session} (401): said once per token. */
    void revoked(Session session) {
        synchronized (this) {
            if (session.token().equals(toldRevoked)) {
                return;
            }
            toldRevoked = session.token();
        }
        say(SessionEvent.Type.REVOKED, session, "Samco refused the session in use (401)");
    }

    /** {@code session} is in use from now on: said once per session. */
    void renewed(Session session, String how) {
        synchronized (this) {
            if (session.token().equals(toldRenewed)) {
                return;
            }
            toldRenewed = session.token();
        }
        say(SessionEvent.Type.RENEWED, session, "a new session is in use (" + how + ")");
    }

    /** {@code session} expired with no successor in use: said once per session. */
    void expired(Session session, String why) {
        synchronized (this) {
            if (session.token().equals(toldExpired)) {
                return;
            }
            toldExpired = session.token();
        }
        say(SessionEvent.Type.EXPIRED, session, "the session expired and no successor could be had: " + why);
    }

    /** {@code session} was made with a login code: said once per session. */
    void notRenewable(Session session) {
        synchronized (this) {
            if (session.token().equals(toldNotRenewable)) {
                return;
            }
            toldNotRenewable = session.token();
        }
        say(
                SessionEvent.Type.NOT_RENEWABLE,
                session,
                "made with a login code: a person must log in again before it expires");
    }
}
