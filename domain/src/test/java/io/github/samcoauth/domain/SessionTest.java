package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionTest {

    private static final SessionToken TOKEN = new SessionToken("f4b8ec1dcc1e9486f723cb5fcba16859");
    private static final AccountProfile PROFILE =
            new AccountProfile(new AccountId("DV99999"), "A TRADER", List.of(Exchange.NSE), List.empty(), List.empty());

    @ParameterizedTest(name = "issued {0} -> expires {1}")
    @CsvSource({
        // issued (UTC)           expires (UTC)            rule
        "2025-01-13T04:40:40Z, 2025-01-14T02:30:00Z", // 10:10 IST: next day 08:00 IST comes first
        "2025-01-13T01:30:00Z, 2025-01-14T01:30:00Z", // 07:00 IST: 24 h comes first
        "2025-01-13T02:30:00Z, 2025-01-14T02:30:00Z", // 08:00 IST: both the same
        "2025-01-13T18:29:59Z, 2025-01-14T02:30:00Z", // 23:59:59 IST: 8 h later
        "2025-01-13T18:30:00Z, 2025-01-14T18:30:00Z", // 00:00 IST on the 14th: 24 h ends before the 15th 08:00
        "2024-02-28T20:00:00Z, 2024-02-29T20:00:00Z", // 01:30 IST on 29 Feb of a leap year: 24 h
    })
    void givenIssueTime_whenIssued_thenEarlierOfBothRules(Instant issued, Instant expected) {
        assertThat(Session.issue(TOKEN, PROFILE, issued).expiresAt()).isEqualTo(expected);
    }

    @Test
    void givenAnyIssueTime_whenLifetime_thenNeverLongerThan24Hours() {
        var start = Instant.parse("2025-01-01T00:00:00Z");
        for (int minute = 0; minute < 2 * 24 * 60; minute += 7) {
            var issued = start.plus(Duration.ofMinutes(minute));
            var lifetime = Duration.between(issued, SessionLifetime.expiresAt(issued));
            assertThat(lifetime).isPositive().isLessThanOrEqualTo(Duration.ofHours(24));
        }
    }

    @Test
    void givenSession_whenValidityChecked_thenValidUntilExpiryExclusive() {
        var session = Session.issue(TOKEN, PROFILE, Instant.parse("2025-01-13T04:40:40Z"));
        assertThat(session.isValidAt(session.issuedAt())).isTrue();
        assertThat(session.isValidAt(session.expiresAt().minusMillis(1))).isTrue();
        assertThat(session.isValidAt(session.expiresAt())).isFalse();
        assertThat(session.isValidAt(session.expiresAt().plusSeconds(1))).isFalse();
    }

    @Test
    void givenStoredTimesOutOfOrder_whenOf_thenInconsistent() {
        var t = Instant.parse("2025-01-13T04:40:40Z");
        assertThat(Session.of(TOKEN, PROFILE, t, t))
                .isEqualTo(Either.left(new DomainError.Inconsistent("expires at", "it must be after the issue time")));
        assertThat(Session.of(null, PROFILE, t, t.plusSeconds(1)))
                .isEqualTo(Either.left(new DomainError.Blank("session token")));
        assertThat(Session.of(TOKEN, null, t, t.plusSeconds(1)))
                .isEqualTo(Either.left(new DomainError.Blank("account profile")));
        assertThat(Session.of(TOKEN, PROFILE, null, t)).isEqualTo(Either.left(new DomainError.Blank("issued at")));
        assertThat(Session.of(TOKEN, PROFILE, t, null)).isEqualTo(Either.left(new DomainError.Blank("expires at")));
        assertThat(Session.of(TOKEN, PROFILE, t, t.plusSeconds(1)).map(Session::accountId))
                .isEqualTo(Either.right(new AccountId("DV99999")));
        assertThatThrownBy(() -> new Session(TOKEN, PROFILE, t, t, LoginMethod.LOGIN_CODE, Option.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenSession_whenToString_thenNoToken() {
        var text = Session.issue(TOKEN, PROFILE, Instant.parse("2025-01-13T04:40:40Z"))
                .toString();
        assertThat(text).doesNotContain(TOKEN.value()).contains("DV99999").contains("token=***");
    }

    @Test
    void givenSampleServerTime_whenParsed_thenIndiaTime() {
        assertThat(ServerTime.parse("13/01/25 10:10:40"))
                .isEqualTo(new ServerTime("13/01/25 10:10:40", Option.some(Instant.parse("2025-01-13T04:40:40Z"))));
    }

    @Test
    void givenOddServerTimes_whenParsed_thenKeptAsTextWithoutInstant() {
        assertThat(ServerTime.parse("31/02/25 10:10:40").instant()).isEqualTo(Option.none());
        assertThat(ServerTime.parse("2025-01-13T10:10:40"))
                .isEqualTo(new ServerTime("2025-01-13T10:10:40", Option.none()));
        assertThat(ServerTime.parse(null)).isEqualTo(new ServerTime("", Option.none()));
        assertThat(ServerTime.parse("13/01/25 25:10:40").instant()).isEqualTo(Option.none());
    }

    @Test
    void givenInstant_whenFormatted_thenRoundTrips() {
        var instant = Instant.parse("2025-12-17T04:10:58Z");
        var time = ServerTime.of(instant);
        assertThat(time.raw()).isEqualTo("17/12/25 09:40:58");
        assertThat(ServerTime.parse(time.raw())).isEqualTo(time);
        assertThat(time.toString()).isEqualTo("17/12/25 09:40:58");
    }
}
