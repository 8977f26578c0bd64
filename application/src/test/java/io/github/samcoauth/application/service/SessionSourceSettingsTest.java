package io.github.samcoauth.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings of a session source, its events' names, and the coordination port's default. */
class SessionSourceSettingsTest {

    @Test
    void givenDefaults_whenRead_thenTenMinutesFiftyMillisecondsThirtySecondsThirtySeconds() {
        var defaults = SessionSourceSettings.DEFAULTS;
        assertThat(defaults.refreshBefore()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.checkEvery()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.waitAtMost()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenEachWither_whenUsed_thenOnlyItsFieldChanges() {
        var d = SessionSourceSettings.DEFAULTS;
        var one = Duration.ofSeconds(1);
        assertThat(d.withRefreshBefore(one))
                .isEqualTo(new SessionSourceSettings(one, d.checkEvery(), d.waitAtMost(), d.retryAfter()));
        assertThat(d.withCheckEvery(one))
                .isEqualTo(new SessionSourceSettings(d.refreshBefore(), one, d.waitAtMost(), d.retryAfter()));
        assertThat(d.withWaitAtMost(one))
                .isEqualTo(new SessionSourceSettings(d.refreshBefore(), d.checkEvery(), one, d.retryAfter()));
        assertThat(d.withRetryAfter(one))
                .isEqualTo(new SessionSourceSettings(d.refreshBefore(), d.checkEvery(), d.waitAtMost(), one));
    }

    @Test
    void givenZeroWindows_whenAllowed_thenAcceptedButNeverANegativeOrAZeroCheckInterval() {
        var zero = Duration.ZERO;
        var ok = new SessionSourceSettings(zero, Duration.ofMillis(1), zero, zero);
        assertThat(ok.refreshBefore()).isZero();
        var minus = Duration.ofMillis(-1);
        var one = Duration.ofMillis(1);
        assertThatThrownBy(() -> new SessionSourceSettings(minus, one, one, one))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSourceSettings(one, minus, one, one))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSourceSettings(one, zero, one, one))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSourceSettings(one, one, minus, one))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSourceSettings(one, one, one, minus))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenEveryEventType_whenLabelled_thenTheStableNamesOfTheCli() {
        assertThat(java.util.Arrays.stream(SessionEvent.Type.values()).map(SessionEvent.Type::label))
                .containsExactly(
                        "renewing",
                        "renewed",
                        "renewal-failed",
                        "revoked",
                        "not-renewable",
                        "removed",
                        "store-unavailable",
                        "store-available",
                        "restored",
                        "expired");
    }

    @Test
    void givenAStoreThatCannotLoseData_whenRestoreAsked_thenNothingDone() {
        SessionCoordinationPort plain = new SessionCoordinationPort() {
            @Override
            public Either<AuthError, VersionedSession> read(AccountId account) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(plain.restore(Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 3))
                .isEqualTo(Either.right(false));
    }
}
