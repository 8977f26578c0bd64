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

    public static final SessionSourceSettings DEFAULTS = new SessionSourceSettings(
            Duration.ofMinutes(10), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofSeconds(30));

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

    public SessionSourceSettings withRefreshBefore(Duration value) {
        return new SessionSourceSettings(value, checkEvery, waitAtMost, retryAfter);
    }

    public SessionSourceSettings withCheckEvery(Duration value) {
        return new SessionSourceSettings(refreshBefore, value, waitAtMost, retryAfter);
    }

    public SessionSourceSettings withWaitAtMost(Duration value) {
        return new SessionSourceSettings(refreshBefore, checkEvery, value, retryAfter);
    }

    public SessionSourceSettings withRetryAfter(Duration value) {
        return new SessionSourceSettings(refreshBefore, checkEvery, waitAtMost, value);
    }
}
