package io.github.samcoauth.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * When a Samco session token stops working. Samco documents two rules: a token is valid for 24
 * hours from generation, and every token expires at 08:00 India time on the next calendar day. A
 * token that is a JWT may say so itself in its {@code exp} claim. The earliest wins.
 */
public final class SessionLifetime {

    /**
     * Samco's time zone: every {@code serverTime} and the daily cut-off are in it. India Standard Time
     * is UTC+05:30 all year and has been since 1945 (Asia/Kolkata in the tz database), so it is kept as
     * that offset: reading the JDK's zone rules would cost every CLI run a few milliseconds.
     */
    public static final ZoneId INDIA = ZoneOffset.ofHoursMinutes(5, 30);

    /** The longest a session lives: 24 hours. */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** The daily cut-off, 08:00 India time: a session ends at the latest on the morning after the day it was issued. */
    public static final LocalTime DAILY_CUTOFF = LocalTime.of(8, 0);

    private SessionLifetime() {}

    /**
     * The earliest of the two rules and the token's own {@code exp} claim, when it is a JWT. A claim
     * at or before {@code issuedAt} is taken for a clock that disagrees with ours and is ignored.
     *
     * @param issuedAt when the session was issued
     * @param token its token, whose {@code exp} claim counts when it is a JWT
     * @return when the session stops working
     */
    public static Instant expiresAt(Instant issuedAt, SessionToken token) {
        var byRules = expiresAt(issuedAt);
        return Jwt.expiry(token)
                .filter(exp -> exp.isAfter(issuedAt) && exp.isBefore(byRules))
                .getOrElse(byRules);
    }

    /**
     * The earlier of 24 hours after {@code issuedAt} and 08:00 India time the day after it was issued.
     *
     * @param issuedAt when the session was issued
     * @return when the session stops working by Samco's rules
     */
    public static Instant expiresAt(Instant issuedAt) {
        var issueDate = issuedAt.atZone(INDIA).toLocalDate();
        var cutoff = issueDate.plusDays(1).atTime(DAILY_CUTOFF).atZone(INDIA).toInstant();
        var byAge = issuedAt.plus(MAX_AGE);
        return cutoff.isBefore(byAge) ? cutoff : byAge;
    }
}
