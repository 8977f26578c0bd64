package io.github.samcoauth.application.keeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.application.service.ApiKeyLoginService;
import io.github.samcoauth.application.service.RefreshSessionService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.RefreshGrant;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Session keeping one step at a time: every renewal and check runs on the test's thread (a {@link
 * ManualScheduler}), the clock moves only when the test moves it, and each step's outcome and
 * events are checked exactly.
 */
class SessionKeepingStepsTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final Instant T0 = Instant.parse("2025-01-13T04:40:40Z");
    private static final ApiCredentials CREDENTIALS = ApiCredentials.of(
                    "U2FsdGVkX1-key-DV99999", "U2FsdGVkX1-secret-DV99999")
            .get();
    private static final SessionSourceSettings SETTINGS = SessionSourceSettings.DEFAULTS
            .withCheckEvery(Duration.ofMillis(50))
            .withWaitAtMost(Duration.ofSeconds(5))
            .withRetryAfter(Duration.ofSeconds(30));

    private final SessionSourceServiceTest.MovableClock clock = new SessionSourceServiceTest.MovableClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final List<SessionEvent> events = new ArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private Supplier<Option<ApiCredentials>> credentials = () -> Option.some(CREDENTIALS);

    private SessionSourceService source(Option<AccountId> account, boolean firstLogin) {
        var apiKey = new ApiKeyLoginService(samco, store, audit, clock);
        var refresh = new RefreshSessionService(samco, store, audit, clock, apiKey);
        return new SessionSourceService(
                account,
                store,
                store,
                refresh,
                firstLogin ? Option.some(apiKey) : Option.none(),
                () -> credentials.get(),
                events::add,
                clock,
                SETTINGS,
                scheduler);
    }

    private SessionSourceService source() {
        return source(Option.some(DV), true);
    }

    private void samcoIssuesTokens() {
        samco.onSessionToken((key, secret) -> {
            int n = logins.incrementAndGet();
            return Either.right(new LoginGrant(
                    Sessions.token(String.format("%032d", n)), Sessions.profile("DV99999"), ScriptedSamcoApi.OK));
        });
    }

    private static Session apiKeySession(String token, Instant issued) {
        return Session.issue(Sessions.token(token), Sessions.profile("DV99999"), issued, LoginMethod.API_KEY);
    }

    private List<String> said() {
        return events.stream().map(e -> e.type().label()).toList();
    }

    private String token(Either<AuthError, Session> answer) {
        return answer.get().token().value();
    }

    @Test
    void givenAStoredSession_whenAskedOutsideTheWindow_thenOneReadAndNoRenewal() {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        int before = store.reads();
        assertThat(source.session()).isEqualTo(Either.right(stored));
        assertThat(source.session()).isEqualTo(Either.right(stored));
        assertThat(store.reads() - before).as("loaded once, then memory").isEqualTo(1);
        assertThat(logins).hasValue(0);
        assertThat(said()).isEmpty();
    }

    @Test
    void givenTheRenewalWindow_whenAsked_thenTheOldSessionWhileOneRenewalRunsThenTheNew() {
        samcoIssuesTokens();
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        clock.advance(Duration.between(T0, stored.expiresAt()).minus(SETTINGS.refreshBefore()));
        var during = source.session();
        assertThat(logins).hasValue(1);
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 1));
        assertThat(during.isRight()).isTrue();
        assertThat(said()).containsExactly("renewing", "renewed");
        assertThat(store.read(DV).get().generation()).isEqualTo(2);
        source.session();
        assertThat(logins).as("one renewal").hasValue(1);
    }

    @Test
    void givenAnExpiredSession_whenAsked_thenTheRenewedOneIsAnswered() {
        samcoIssuesTokens();
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        clock.advance(Duration.between(T0, stored.expiresAt()).plusSeconds(1));
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 1));
    }

    @Test
    void givenALoginCodeSession_whenItsWindowComes_thenNotRenewableSaidOnceAndKeptUntilExpiry() {
        var stored = Sessions.session("DV99999", "0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        clock.advance(Duration.between(T0, stored.expiresAt()).minus(Duration.ofMinutes(5)));
        assertThat(source.session()).isEqualTo(Either.right(stored));
        assertThat(source.session()).isEqualTo(Either.right(stored));
        assertThat(said()).containsExactly("not-renewable");
        clock.advance(Duration.ofMinutes(6));
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.NotRenewable.class);
    }

    @Test
    void givenAnApiKeyRenewalRefused_whenAskedAgain_thenNotRetriedBeforeRetryAfterThenRetried() {
        samco.onSessionToken((key, secret) -> {
            logins.incrementAndGet();
            return Either.left(new AuthError.Rejected(
                    "Failure",
                    io.vavr.collection.List.of("Invalid API secret"),
                    Option.some("EOAUTH008"),
                    Option.none(),
                    Option.none(),
                    401));
        });
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        clock.advance(Duration.between(T0, stored.expiresAt()).plusSeconds(1));
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(logins).as("not again before retryAfter").hasValue(1);
        assertThat(said()).containsExactly("renewing", "renewal-failed");
        clock.advance(SETTINGS.retryAfter().plusMillis(1));
        samcoIssuesTokens();
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 2));
    }

    @Test
    void givenAnOAuthRefreshThatFailed_whenAskedAgain_thenTheRefreshTokenIsNeverSentTwice() {
        var refreshes = new AtomicInteger();
        samco.onRefreshToken(token -> {
            refreshes.incrementAndGet();
            return Either.left(new AuthError.Unavailable("Samco is down"));
        });
        var stored = new Session(
                Sessions.token("0123456789abcdef0123456789abcdef"),
                Sessions.profile("DV99999"),
                T0,
                T0.plus(Duration.ofHours(1)),
                LoginMethod.OAUTH,
                Option.some(new RefreshGrant(RefreshToken.of("r".repeat(40)).get(), T0.plus(Duration.ofDays(30)))));
        store.save(stored);
        var source = source();
        source.session();
        clock.advance(Duration.ofMinutes(55));
        source.session();
        clock.advance(SETTINGS.retryAfter().multipliedBy(10));
        source.session();
        assertThat(refreshes).hasValue(1);
        assertThat(said()).containsExactly("renewing", "renewal-failed");
    }

    @Test
    void givenAnOAuthSession_whenRenewed_thenTheRotatedRefreshTokenIsStored() {
        samco.onRefreshToken(token -> Either.right(new OAuthGrant(
                Sessions.token("fedcba9876543210fedcba9876543210"),
                Sessions.profile("DV99999"),
                Duration.ofHours(1),
                RefreshToken.of("s".repeat(40)).get(),
                Duration.ofDays(30),
                ScriptedSamcoApi.OK)));
        var stored = new Session(
                Sessions.token("0123456789abcdef0123456789abcdef"),
                Sessions.profile("DV99999"),
                T0,
                T0.plus(Duration.ofHours(1)),
                LoginMethod.OAUTH,
                Option.some(new RefreshGrant(RefreshToken.of("r".repeat(40)).get(), T0.plus(Duration.ofDays(30)))));
        store.save(stored);
        var source = source();
        source.session();
        clock.advance(Duration.ofMinutes(55));
        source.session();
        var now = store.find(DV).get().get();
        assertThat(now.token().value()).isEqualTo("fedcba9876543210fedcba9876543210");
        assertThat(now.refresh().get().token().value()).isEqualTo("s".repeat(40));
        assertThat(source.session()).isEqualTo(Either.right(now));
    }

    @Test
    void givenSamcoRefusedTheTokenInUse_whenRejected_thenRenewedOnceAndRevokedSaidOnce() {
        samcoIssuesTokens();
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        assertThat(token(source.rejected(Sessions.token("ffffffffffffffffffffffffffffffff"))))
                .as("another token: nothing to do")
                .isEqualTo(stored.token().value());
        assertThat(logins).hasValue(0);
        assertThat(token(source.rejected(stored.token()))).isEqualTo(String.format("%032d", 1));
        assertThat(token(source.rejected(stored.token()))).isEqualTo(String.format("%032d", 1));
        assertThat(logins).hasValue(1);
        assertThat(said()).containsExactly("revoked", "renewing", "renewed");
    }

    @Test
    void givenNothingLoadedYet_whenTheStoredTokenIsRejected_thenThatTokenIsNeverAnswered() {
        samcoIssuesTokens();
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var answer = source().rejected(stored.token());
        assertThat(token(answer)).isEqualTo(String.format("%032d", 1));
    }

    @Test
    void givenAnEmptyStoreAndCredentials_whenAsked_thenOneFirstLoginAndAFailedOneWaitsRetryAfter() {
        samco.onSessionToken((key, secret) -> {
            logins.incrementAndGet();
            return Either.left(new AuthError.Rejected(
                    "Failure",
                    io.vavr.collection.List.of("Invalid API secret"),
                    Option.some("EOAUTH008"),
                    Option.none(),
                    Option.none(),
                    401));
        });
        var source = source();
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(logins).hasValue(1);
        clock.advance(SETTINGS.retryAfter().plusMillis(1));
        samcoIssuesTokens();
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 2));
        assertThat(said()).containsExactly("renewing", "renewal-failed", "renewing", "renewed");
    }

    @Test
    void givenAnEmptyStoreWithoutCredentialsOrFirstLogin_whenAsked_thenNoSessionAndNoLogin() {
        samcoIssuesTokens();
        credentials = Option::none;
        assertThat(source().session().getLeft()).isInstanceOf(AuthError.NoSession.class);
        credentials = () -> Option.some(CREDENTIALS);
        assertThat(source(Option.some(DV), false).session().getLeft()).isInstanceOf(AuthError.NoSession.class);
        assertThat(source(Option.none(), true).session().getLeft()).isInstanceOf(AuthError.NoSession.class);
        assertThat(logins).hasValue(0);
    }

    @Test
    void givenTwoAccountsStored_whenNoneNamed_thenAccountRequired() {
        store.save(apiKeySession("0123456789abcdef0123456789abcdef", T0));
        store.save(Session.issue(
                Sessions.token("fedcba9876543210fedcba9876543210"),
                Sessions.profile("RM3XXXXX"),
                T0,
                LoginMethod.API_KEY));
        var answer = source(Option.none(), true).session();
        assertThat(answer.getLeft()).isInstanceOf(AuthError.AccountRequired.class);
    }

    @Test
    void givenOneAccountStored_whenNoneNamed_thenItIsKept() {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        assertThat(source(Option.none(), true).session()).isEqualTo(Either.right(stored));
    }

    @Test
    void givenChecks_whenAnotherInstanceSavesThenRemoves_thenAdoptedThenDropped() {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source(Option.some(DV), false);
        source.session();
        var newer = apiKeySession("fedcba9876543210fedcba9876543210", T0.plusSeconds(60));
        store.sharingState().save(newer);
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(source.session()).isEqualTo(Either.right(newer));
        assertThat(said()).containsExactly("renewed");
        store.sharingState().delete(DV);
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.NoSession.class);
        assertThat(said()).containsExactly("renewed", "removed");
    }

    @Test
    void givenAStoreRestartedEmpty_whenChecked_thenTheValidSessionIsPutBackOnceWithItsGeneration() {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        store.save(stored);
        var source = source();
        source.session();
        store.forgetEverything();
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(store.read(DV).get().session()).isEqualTo(Option.some(stored));
        assertThat(store.read(DV).get().generation()).isEqualTo(2);
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(said()).containsExactly("restored");
        assertThat(logins).hasValue(0);
    }

    @Test
    void givenAStoreRestartedEmptyAfterExpiry_whenChecked_thenOneLoginForTheFleet() {
        samcoIssuesTokens();
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        store.forgetEverything();
        clock.advance(Duration.between(T0, stored.expiresAt()).plusSeconds(1));
        scheduler.runDue();
        assertThat(logins).hasValue(1);
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 1));
        assertThat(said()).doesNotContain("restored");
    }

    @Test
    void givenTheStoreGoesAwayAndComesBack_whenChecked_thenEachSaidOnce() {
        var flaky = new FaultScheduleTest.FaultyStore(store, 1);
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var apiKey = new ApiKeyLoginService(samco, flaky, audit, clock);
        var source = new SessionSourceService(
                Option.some(DV),
                flaky,
                flaky,
                new RefreshSessionService(samco, flaky, audit, clock, apiKey),
                () -> Option.some(CREDENTIALS),
                events::add,
                clock,
                SETTINGS,
                scheduler);
        source.session();
        flaky.failing(1.0);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(60));
            scheduler.runDue();
        }
        assertThat(source.session()).as("the session in memory meanwhile").isEqualTo(Either.right(stored));
        flaky.failing(0.0);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMillis(60));
            scheduler.runDue();
        }
        assertThat(said()).containsExactly("store-unavailable", "store-available");
        assertThat(events.get(0).detail()).contains("used until it expires");
    }

    @Test
    void givenTheStoreHoldsAnOlderSessionThanTheOneInUse_whenChecked_thenTheNewerIsPutBack() {
        var newer = apiKeySession("fedcba9876543210fedcba9876543210", T0.plusSeconds(60));
        store.save(newer);
        var source = source();
        source.session();
        var older = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.sharingState().save(older);
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(store.find(DV).get()).isEqualTo(Option.some(newer));
        assertThat(source.session()).isEqualTo(Either.right(newer));
        assertThat(said()).isEmpty();
    }

    @Test
    void givenAClosedSource_whenItsScheduleComes_thenNothingRuns() {
        store.save(apiKeySession("0123456789abcdef0123456789abcdef", T0));
        var source = source();
        source.session();
        source.close();
        int before = store.reads();
        clock.advance(Duration.ofSeconds(60));
        scheduler.runDue();
        assertThat(store.reads()).isEqualTo(before);
    }

    @Test
    void givenAStoreThatPushes_whenIdle_thenReadOnlyAboutEveryTenSeconds() {
        var schedule = new CheckSchedule(scheduler, 50, () -> Long.MAX_VALUE, () -> {});
        assertThat(schedule.nextDelay()).isEqualTo(50);
        schedule.pushedFromNowOn();
        assertThat(schedule.pushed()).isTrue();
        assertThat(schedule.nextDelay())
                .isBetween(CheckSchedule.SAFETY_CHECK_MILLIS, CheckSchedule.SAFETY_CHECK_MILLIS + 2_000);
        var due = new CheckSchedule(scheduler, 50, () -> 300, () -> {});
        due.pushedFromNowOn();
        assertThat(due.nextDelay()).as("the window comes first").isEqualTo(300);
        var inside = new CheckSchedule(scheduler, 50, () -> 0, () -> {});
        inside.pushedFromNowOn();
        assertThat(inside.nextDelay()).as("every second while a renewal is due").isEqualTo(1000);
        var checks = new AtomicInteger();
        var counted = new CheckSchedule(scheduler, 50, () -> Long.MAX_VALUE, checks::incrementAndGet);
        counted.onChange().run();
        assertThat(checks).hasValue(1);
        counted.close();
        counted.onChange().run();
        assertThat(checks).as("none after close").hasValue(1);
    }
}
