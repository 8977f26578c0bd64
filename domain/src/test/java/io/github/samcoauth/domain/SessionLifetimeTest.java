package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class SessionLifetimeTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    /** The fixed offset agrees with the tz database's Asia/Kolkata for any instant a token can carry. */
    @Property(tries = 2000)
    void givenAnyInstantFrom1946To2100_whenInIndia_thenTheOffsetIsTheTzDatabases(
            @ForAll @LongRange(min = -757_382_400L, max = 4_102_444_800L) long epochSecond) {
        var instant = Instant.ofEpochSecond(epochSecond);
        assertThat(instant.atZone(SessionLifetime.INDIA).toLocalDateTime())
                .isEqualTo(instant.atZone(KOLKATA).toLocalDateTime());
        assertThat(SessionLifetime.expiresAt(instant)).isEqualTo(expiresAtBy(KOLKATA, instant));
    }

    private static Instant expiresAtBy(ZoneId zone, Instant issuedAt) {
        var cutoff = issuedAt.atZone(zone)
                .toLocalDate()
                .plusDays(1)
                .atTime(SessionLifetime.DAILY_CUTOFF)
                .atZone(zone)
                .toInstant();
        var byAge = issuedAt.plus(SessionLifetime.MAX_AGE);
        return cutoff.isBefore(byAge) ? cutoff : byAge;
    }
}
