package io.github.samcoauth.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SessionSourceUseCase} keeps its session valid.
 *
 * @param refreshBefore renew this long before the session expires
 * @param checkEvery how often the store is read for a session saved elsewhere
 * @param waitAtMost how long a caller waits for a renewal when the session has truly expired, and
 *     how long an instance waits for another that holds the renewal lock
 * @param retryAfter after a failed renewal, how long before the next attempt (API-key sessions;
 *     an OAuth refresh token is never used twice)
 */
public record SessionSourceSettings(
        Duration refreshBefore, Duration checkEvery, Duration waitAtMost, Duration retryAfter) {

    /** Renew 10 minutes before expiry, read the store every 50 ms, wait at most 30 s, retry after 30 s. */
    public static final SessionSourceSettings DEFAULTS = new SessionSourceSettings(
            Duration.ofMinutes(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(30));

    /**
     * Checks that every duration is positive.
     *
     * @param refreshBefore renew this long before the session expires
     * @param checkEvery how often the store is read for a session saved elsewhere
     * @param waitAtMost how long a caller waits for a renewal
     * @param retryAfter after a failed renewal, how long before the next attempt
     */
    public SessionSourceSettings {
        Objects.requireNonNull(refreshBefore, "refreshBefore");
        Objects.requireNonNull(checkEvery, "checkEvery");
        Objects.requireNonNull(waitAtMost, "waitAtMost");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (refreshBefore.isNegative()
                || checkEvery.isNegative()
                || checkEvery.isZero()
                || waitAtMost.isNegative()
                || retryAfter.isNegative()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /**
     * These settings, renewing {@code value} before expiry.
     *
     * @param value the new {@code refreshBefore}
     * @return the new settings
     */
    public SessionSourceSettings withRefreshBefore(Duration value) {
        return new SessionSourceSettings(value, checkEvery, waitAtMost, retryAfter);
    }

    /**
     * These settings, reading the store every {@code value}.
     *
     * @param value the new {@code checkEvery}
     * @return the new settings
     */
    public SessionSourceSettings withCheckEvery(Duration value) {
        return new SessionSourceSettings(refreshBefore, value, waitAtMost, retryAfter);
    }

    /**
     * These settings, waiting at most {@code value}.
     *
     * @param value the new {@code waitAtMost}
     * @return the new settings
     */
    public SessionSourceSettings withWaitAtMost(Duration value) {
        return new SessionSourceSettings(refreshBefore, checkEvery, value, retryAfter);
    }

    /**
     * These settings, retrying {@code value} after a failed renewal.
     *
     * @param value the new {@code retryAfter}
     * @return the new settings
     */
    public SessionSourceSettings withRetryAfter(Duration value) {
        return new SessionSourceSettings(refreshBefore, checkEvery, waitAtMost, value);
    }
}
