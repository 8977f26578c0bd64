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
 *
 * @param expiresAt when it stops working
 * @param issuedAt when it was issued
 * @param method how it was obtained
 * @param origin the API it belongs to
 * @param profile the account's profile
 * @param refresh the refresh token of an OAuth session, or none
 * @param token the session token
 */
public record Session(
        SessionToken token,
        AccountProfile profile,
        Instant issuedAt,
        Instant expiresAt,
        LoginMethod method,
        Option<RefreshGrant> refresh,
        Origin origin) {

    /**
     * A session of {@link Origin#DEFAULT}.
     *
     * @param token the session token
     * @param profile the account's profile
     * @param issuedAt when it was issued
     * @param expiresAt when it stops working
     * @param method how it was obtained
     * @param refresh the refresh token of an OAuth session, or none
     */
    public Session(
            SessionToken token,
            AccountProfile profile,
            Instant issuedAt,
            Instant expiresAt,
            LoginMethod method,
            Option<RefreshGrant> refresh) {
        this(token, profile, issuedAt, expiresAt, method, refresh, Origin.DEFAULT);
    }

    /**
     * Checks that no part is missing; {@link #of} says what is wrong with stored values instead of throwing.
     *
     * @param token the session token
     * @param profile the account's profile
     * @param issuedAt when it was issued
     * @param expiresAt when it stops working
     * @param method how it was obtained
     * @param refresh the refresh token of an OAuth session, or none
     * @param origin the API it belongs to
     */
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

    /**
     * A session redeemed from a login code now: its expiry follows {@link SessionLifetime}.
     *
     * @param token the token Samco gave
     * @param profile the account's profile from the same answer
     * @param issuedAt now
     * @return the session
     */
    public static Session issue(SessionToken token, AccountProfile profile, Instant issuedAt) {
        return issue(token, profile, issuedAt, LoginMethod.LOGIN_CODE);
    }

    /**
     * A session issued now by {@code method}: its expiry follows {@link SessionLifetime} and the token's own.
     *
     * @param token the token Samco gave
     * @param profile the account's profile from the same answer
     * @param issuedAt now
     * @param method how it was obtained
     * @return the session
     */
    public static Session issue(SessionToken token, AccountProfile profile, Instant issuedAt, LoginMethod method) {
        return new Session(token, profile, issuedAt, SessionLifetime.expiresAt(issuedAt, token), method, Option.none());
    }

    /**
     * An OAuth session issued now: it ends by the rules, the token's own {@code exp}, or the
     * {@code expires_in} Samco gave ({@code notAfter}), whichever is first; it is renewed with
     * {@code refresh}.
     *
     * @param token the token Samco gave
     * @param profile the account's profile from the same answer
     * @param issuedAt now
     * @param notAfter {@code issuedAt} plus Samco's {@code expires_in}
     * @param refresh the refresh token, rotated by each refresh
     * @return the session
     */
    public static Session issueOAuth(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant notAfter, RefreshGrant refresh) {
        var byRules = SessionLifetime.expiresAt(issuedAt, token);
        var expiresAt = notAfter.isAfter(issuedAt) && notAfter.isBefore(byRules) ? notAfter : byRules;
        return new Session(token, profile, issuedAt, expiresAt, LoginMethod.OAUTH, Option.some(refresh));
    }

    /**
     * A login-code session read back from storage: the times must make sense.
     *
     * @param token the stored token
     * @param profile the stored profile
     * @param issuedAt when it was issued
     * @param expiresAt when it stops working
     * @return the session, or why the times do not make sense
     */
    public static Either<DomainError, Session> of(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant expiresAt) {
        return of(token, profile, issuedAt, expiresAt, LoginMethod.LOGIN_CODE);
    }

    /**
     * A session without a refresh token read back from storage: the times must make sense.
     *
     * @param token the stored token
     * @param profile the stored profile
     * @param issuedAt when it was issued
     * @param expiresAt when it stops working
     * @param method how it was obtained
     * @return the session, or why the times do not make sense
     */
    public static Either<DomainError, Session> of(
            SessionToken token, AccountProfile profile, Instant issuedAt, Instant expiresAt, LoginMethod method) {
        return of(token, profile, issuedAt, expiresAt, method, Option.none());
    }

    /**
     * A session read back from storage: the times must make sense; only OAuth sessions have a refresh token.
     *
     * @param token the stored token
     * @param profile the stored profile
     * @param issuedAt when it was issued
     * @param expiresAt when it stops working
     * @param method how it was obtained
     * @param refresh the refresh token, or none
     * @return the session, or why the parts do not fit together
     */
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

    /**
     * This session as issued by {@code origin}.
     *
     * @param origin the API it belongs to
     * @return this session with that origin
     */
    public Session at(Origin origin) {
        return origin.equals(this.origin)
                ? this
                : new Session(token, profile, issuedAt, expiresAt, method, refresh, origin);
    }

    /**
     * The account it logs in to, from its profile.
     *
     * @return the account code
     */
    public AccountId accountId() {
        return profile.accountId();
    }

    /**
     * True while the token still works at {@code now}.
     *
     * @param now the time to ask about
     * @return {@code true} before {@link #expiresAt()}
     */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Session[account=" + profile.accountId() + ", method=" + method.label() + ", origin=" + origin
                + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", token=***]";
    }
}
