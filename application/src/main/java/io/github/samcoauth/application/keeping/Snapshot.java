package io.github.samcoauth.application.keeping;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.time.Duration;

/** The session in use, its answer built once, when to renew it and the store's generation it was read at. */
record Snapshot(Session session, Either<AuthError, Session> answer, long refreshAt, long expiresAt, long generation) {

    /** A session shorter-lived than the window is renewed half-way through its life. */
    static Snapshot of(Session session, long generation, Duration refreshBefore) {
        long issued = session.issuedAt().toEpochMilli();
        long expires = session.expiresAt().toEpochMilli();
        long refreshAt = Math.max(expires - refreshBefore.toMillis(), issued + (expires - issued) / 2);
        return new Snapshot(session, Either.right(session), refreshAt, expires, generation);
    }

    /** The same session, to be renewed by the next caller and served to none (Samco refused it). */
    Snapshot refused() {
        return new Snapshot(session, answer, Long.MIN_VALUE, Long.MIN_VALUE, generation);
    }

    boolean isRefused() {
        return refreshAt == Long.MIN_VALUE;
    }

    boolean sameAs(Session other) {
        return session.token().equals(other.token()) && session.expiresAt().equals(other.expiresAt());
    }
}
