package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.time.Instant;
import java.util.Objects;

/** A logged-in session: the secret token, whose account it is, and when it stops working. */
public record Session(SessionToken token, AccountProfile profile, Instant issuedAt, Instant expiresAt) {

    public Session {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt; use Session.of");
        }
    }

    /** A session issued now: its expiry follows {@link SessionLifetime}. */
    public static Session issue(SessionToken token, AccountProfile profile, Instant issuedAt) {
        return new Session(token, profile, issuedAt, SessionLifetime.expiresAt(issuedAt));
    }

    /** A session read back from storage: the times must make sense. */
    public static Either<DomainError, Session> of(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant expiresAt) {
        if (token == null) {
            return Either.left(new DomainError.Blank("session token"));
        }
        if (profile == null) {
            return Either.left(new DomainError.Blank("account profile"));
        }
        if (issuedAt == null) {
            return Either.left(new DomainError.Blank("issued at"));
        }
        if (expiresAt == null) {
            return Either.left(new DomainError.Blank("expires at"));
        }
        if (!expiresAt.isAfter(issuedAt)) {
            return Either.left(new DomainError.Inconsistent("expires at", "it must be after the issue time"));
        }
        return Either.right(new Session(token, profile, issuedAt, expiresAt));
    }

    public AccountId accountId() {
        return profile.accountId();
    }

    /** True while the token still works at {@code now}. */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Session[account=" + profile.accountId() + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
                + ", token=***]";
    }
}
