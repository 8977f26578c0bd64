package io.github.samcoauth.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a Samco session token stops working. Samco documents two rules: a token is valid for 24
 * hours from generation, and every token expires at 08:00 India time on the next calendar day. The
 * earlier of the two wins.
 */
public final class SessionLifetime {

    /** Samco's time zone: every {@code serverTime} and the daily cut-off are in it. */
    public static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    public static final Duration MAX_AGE = Duration.ofHours(24);
    public static final LocalTime DAILY_CUTOFF = LocalTime.of(8, 0);

    private SessionLifetime() {}

    public static Instant expiresAt(Instant issuedAt) {
        var issueDate = issuedAt.atZone(INDIA).toLocalDate();
        var cutoff = issueDate.plusDays(1).atTime(DAILY_CUTOFF).atZone(INDIA).toInstant();
        var byAge = issuedAt.plus(MAX_AGE);
        return cutoff.isBefore(byAge) ? cutoff : byAge;
    }
}
