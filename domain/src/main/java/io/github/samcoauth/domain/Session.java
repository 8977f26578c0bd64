package io.github.samcoauth.domain;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in session: the secret token, whose account it is, when it stops working, how it was
 * obtained (which decides how it is renewed) and the {@link Origin} that issued it (the only place
 * its token may be sent). The factories without an origin make sessions of {@link Origin#DEFAULT};
 * {@link #at} moves a new session to the API that issued it.
 */
public record Session(
        SessionToken token,
        AccountProfile profile,
        Instant issuedAt,
        Instant expiresAt,
        LoginMethod method,
        Option<RefreshGrant> refresh,
        Origin origin) {

    /** A session of {@link Origin#DEFAULT}. */
    public Session(
            SessionToken token,
            AccountProfile profile,
            Instant issuedAt,
            Instant expiresAt,
            LoginMethod method,
            Option<RefreshGrant> refresh) {
        this(token, profile, issuedAt, expiresAt, method, refresh, Origin.DEFAULT);
    }

    public Session {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt; use Session.of");
        }
    }

    /** A session redeemed from a login code now: its expiry follows {@link SessionLifetime}. */
    public static Session issue(SessionToken token, AccountProfile profile, Instant issuedAt) {
        return issue(token, profile, issuedAt, LoginMethod.LOGIN_CODE);
    }

    /** A session issued now by {@code method}: its expiry follows {@link SessionLifetime} and the token's own. */
    public static Session issue(SessionToken token, AccountProfile profile, Instant issuedAt, LoginMethod method) {
        return new Session(token, profile, issuedAt, SessionLifetime.expiresAt(issuedAt, token), method, Option.none());
    }

    /**
     * An OAuth session issued now: it ends by the rules, the token's own {@code exp}, or the
     * {@code expires_in} Samco gave ({@code notAfter}), whichever is first; it is renewed with
     * {@code refresh}.
     */
    public static Session issueOAuth(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant notAfter, RefreshGrant refresh) {
        var byRules = SessionLifetime.expiresAt(issuedAt, token);
        var expiresAt = notAfter.isAfter(issuedAt) && notAfter.isBefore(byRules) ? notAfter : byRules;
        return new Session(token, profile, issuedAt, expiresAt, LoginMethod.OAUTH, Option.some(refresh));
    }

    /** A login-code session read back from storage: the times must make sense. */
    public static Either<DomainError, Session> of(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant expiresAt) {
        return of(token, profile, issuedAt, expiresAt, LoginMethod.LOGIN_CODE);
    }

    /** A session without a refresh token read back from storage: the times must make sense. */
    public static Either<DomainError, Session> of(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant expiresAt, LoginMethod method) {
        return of(token, profile, issuedAt, expiresAt, method, Option.none());
    }

    /** A session read back from storage: the times must make sense; only OAuth sessions have a refresh token. */
    public static Either<DomainError, Session> of(
            SessionToken token,
            AccountProfile profile,
            Instant issuedAt,
            Instant expiresAt,
            LoginMethod method,
            Option<RefreshGrant> refresh) {
        if (refresh == null || refresh.isDefined() != (method == LoginMethod.OAUTH)) {
            return Either.left(new DomainError.Inconsistent("refresh token", "an OAuth session has one, others none"));
        }
        if (method == null) {
            return Either.left(new DomainError.Blank("login method"));
        }
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
        return Either.right(new Session(token, profile, issuedAt, expiresAt, method, refresh));
    }

    /** This session as issued by {@code origin}. */
    public Session at(Origin origin) {
        return origin.equals(this.origin)
                ? this
                : new Session(token, profile, issuedAt, expiresAt, method, refresh, origin);
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
        return "Session[account=" + profile.accountId() + ", method=" + method.label() + ", origin=" + origin
                + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", token=***]";
    }
}
