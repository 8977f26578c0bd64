package io.github.samcoauth.application.keeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.application.service.ApiKeyLoginService;
import io.github.samcoauth.application.service.RefreshSessionService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.RefreshGrant;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.JumpingClock;
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

    private final JumpingClock clock = JumpingClock.frozen(T0);
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

    /** An OAuth session of an hour, with a refresh token of thirty days. */
    private static Session oauthSession() {
        return new Session(
                Sessions.token("0123456789abcdef0123456789abcdef"),
                Sessions.profile("DV99999"),
                T0,
                T0.plus(Duration.ofHours(1)),
                LoginMethod.OAUTH,
                Option.some(new RefreshGrant(RefreshToken.of("r".repeat(40)).get(), T0.plus(Duration.ofDays(30)))));
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
        clock.advance(SETTINGS.retryAfter().minusMillis(1));
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Rejected.class);
        clock.advance(Duration.ofMillis(1));
        samcoIssuesTokens();
        assertThat(token(source.session())).as("tried again at retryAfter").isEqualTo(String.format("%032d", 2));
    }

    @Test
    void givenAnOAuthRefreshThatFailed_whenAskedAgain_thenTheRefreshTokenIsNeverSentTwice() {
        var refreshes = new AtomicInteger();
        samco.onRefreshToken(token -> {
            refreshes.incrementAndGet();
            return Either.left(new AuthError.Unavailable("Samco is down"));
        });
        var stored = oauthSession();
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
        var stored = oauthSession();
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
        clock.advance(SETTINGS.retryAfter().minusMillis(1));
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Rejected.class);
        clock.advance(Duration.ofMillis(1));
        samcoIssuesTokens();
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 2));
        assertThat(said()).containsExactly("renewing", "renewal-failed", "renewing", "renewed");
        int reads = store.reads();
        source.session();
        assertThat(store.reads()).as("the login's session is in use: no read").isEqualTo(reads);
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

    /** The shared store as one instance sees it: faults to answer, a hook at every wait, pushes on demand. */
    static class Scripted implements SessionStorePort, SessionCoordinationPort {
        final InMemorySessionStore store;
        final java.util.ArrayDeque<AuthError> readFaults = new java.util.ArrayDeque<>();
        AuthError leaseFault;
        AuthError awaitFault;
        Runnable onAwait = () -> {};
        boolean pushes;
        Runnable told;
        int awaits;

        Scripted(InMemorySessionStore store) {
            this.store = store;
        }

        @Override
        public Either<AuthError, Session> save(Session session) {
            return store.save(session);
        }

        @Override
        public Either<AuthError, Option<Session>> find(AccountId account) {
            return store.find(account);
        }

        @Override
        public Either<AuthError, io.vavr.collection.List<Session>> findAll() {
            return store.findAll();
        }

        @Override
        public Either<AuthError, Boolean> delete(AccountId account) {
            return store.delete(account);
        }

        @Override
        public Either<AuthError, VersionedSession> read(AccountId account) {
            var fault = readFaults.poll();
            return fault != null ? Either.left(fault) : store.read(account);
        }

        @Override
        public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
            var fault = leaseFault;
            leaseFault = null;
            return fault != null ? Either.left(fault) : store.tryLease(account);
        }

        @Override
        public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
            awaits++;
            onAwait.run();
            var fault = awaitFault;
            awaitFault = null;
            return fault != null ? Either.left(fault) : store.read(account).map(VersionedSession::generation);
        }

        @Override
        public Either<AuthError, Boolean> restore(Session session, long generation) {
            return store.restore(session, generation);
        }

        @Override
        public boolean watch(AccountId account, Runnable onChange) {
            told = onChange;
            return pushes;
        }
    }

    private final Scripted scripted = new Scripted(store);

    private SessionSourceService scriptedSource(boolean firstLogin) {
        return sourceOn(scripted, firstLogin);
    }

    /** A source of {@link #DV} on {@code view}, the real login and renewal in front of the scripted Samco. */
    private SessionSourceService sourceOn(Scripted view, boolean firstLogin) {
        var apiKey = new ApiKeyLoginService(samco, view, audit, clock);
        var refresh = new RefreshSessionService(samco, view, audit, clock, apiKey);
        return new SessionSourceService(
                Option.some(DV),
                view,
                view,
                refresh,
                firstLogin ? Option.some(apiKey) : Option.none(),
                () -> credentials.get(),
                events::add,
                clock,
                SETTINGS,
                scheduler);
    }

    /** A session that needs renewing now, in use by a loaded source. */
    private Session dueSession(SessionSourceService source) {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        source.session();
        clock.advance(Duration.between(T0, stored.expiresAt()).plusSeconds(1));
        return stored;
    }

    @Test
    void givenAnotherInstanceHoldsTheLease_whenItCommits_thenItsSessionIsTakenWithoutALogin() {
        samcoIssuesTokens();
        var source = scriptedSource(false);
        dueSession(source);
        var held = store.sharingState().tryLease(DV).get().get();
        var theirs = apiKeySession("fedcba9876543210fedcba9876543210", clock.instant());
        scripted.onAwait = () -> held.commit(theirs);
        assertThat(source.session()).isEqualTo(Either.right(theirs));
        assertThat(logins).hasValue(0);
        assertThat(scripted.awaits).isEqualTo(1);
        assertThat(said()).containsExactly("renewed");
        assertThat(events.get(0).detail()).isEqualTo("a new session is in use (renewed by another instance)");
        int reads = store.reads();
        assertThat(source.session()).isEqualTo(Either.right(theirs));
        assertThat(store.reads()).as("adopted: no read").isEqualTo(reads);
    }

    @Test
    void givenAnotherInstanceHoldsTheLeaseTooLong_whenWaited_thenUnavailableSaidOnceAndTriedAgainSoon() {
        samcoIssuesTokens();
        var source = scriptedSource(false);
        dueSession(source);
        var held = store.sharingState().tryLease(DV).get().get();
        scripted.onAwait = () -> clock.advance(Duration.ofSeconds(1));
        var answer = source.session();
        assertThat(answer.getLeft()).isInstanceOf(AuthError.Unavailable.class);
        assertThat(answer.getLeft().message())
                .contains("holds the renewal lease")
                .contains("5 s");
        assertThat(scripted.awaits).as("one wait per second of renewalWait").isEqualTo(5);
        assertThat(said()).containsExactly("renewal-failed");
        held.release();
        scripted.onAwait = () -> {};
        clock.advance(Duration.ofMillis(999));
        assertThat(source.session().getLeft())
                .as("not again within the second")
                .isInstanceOf(AuthError.Unavailable.class);
        assertThat(logins).hasValue(0);
        clock.advance(Duration.ofMillis(2));
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 1));
    }

    @Test
    void givenTheWaitOrTheLeaseOrTheReadFails_whenRenewing_thenThatErrorAndNoLogin() {
        samcoIssuesTokens();
        var source = scriptedSource(false);
        dueSession(source);
        var held = store.sharingState().tryLease(DV).get().get();
        scripted.awaitFault = new AuthError.Unavailable("the wait failed");
        assertThat(source.session().getLeft().message()).contains("the wait failed");
        held.release();
        clock.advance(Duration.ofSeconds(2));
        scripted.leaseFault = new AuthError.StorageFailure("the lease failed", Option.none());
        assertThat(source.session().getLeft().message()).contains("the lease failed");
        clock.advance(Duration.ofSeconds(2));
        scripted.readFaults.add(new AuthError.StorageFailure("the read failed", Option.none()));
        assertThat(source.session().getLeft().message()).contains("the read failed");
        assertThat(logins).hasValue(0);
        assertThat(store.tryLease(DV).get().isDefined())
                .as("every lease released")
                .isTrue();
    }

    @Test
    void givenTheSessionWasRemovedWhenTheLeaseIsTaken_whenRenewing_thenNoSessionAndRemovedSaid() {
        samcoIssuesTokens();
        var source = scriptedSource(false);
        dueSession(source);
        store.sharingState().delete(DV);
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.NoSession.class);
        assertThat(said()).containsExactly("removed");
        assertThat(logins).hasValue(0);
    }

    @Test
    void givenAnotherInstanceRenewedJustBeforeTheLease_whenRenewing_thenItsSessionAndNoLogin() {
        samcoIssuesTokens();
        var source = scriptedSource(false);
        dueSession(source);
        var theirs = apiKeySession("fedcba9876543210fedcba9876543210", clock.instant());
        store.sharingState().save(theirs);
        assertThat(source.session()).isEqualTo(Either.right(theirs));
        assertThat(logins).hasValue(0);
        assertThat(said()).containsExactly("renewed");
    }

    @Test
    void givenTheLeaseLapsedDuringTheLogin_whenItCommits_thenRefusedTheNewSessionLoggedOutAndTheLeaseFree() {
        var loggedOut = new AtomicInteger();
        samco.onLogout(token -> {
            loggedOut.incrementAndGet();
            return Either.right(ScriptedSamcoApi.OK);
        });
        samco.onSessionToken((key, secret) -> {
            logins.incrementAndGet();
            store.forgetEverything(); // the store restarted mid-login: the lease is gone with it
            return Either.right(new LoginGrant(
                    Sessions.token(String.format("%032d", 1)), Sessions.profile("DV99999"), ScriptedSamcoApi.OK));
        });
        var source = scriptedSource(false);
        dueSession(source);
        var answer = source.session();
        assertThat(answer.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(answer.getLeft().message()).contains("logged out at Samco");
        assertThat(loggedOut).hasValue(1);
        assertThat(store.find(DV).get()).as("nothing written").isEmpty();
        assertThat(said()).containsExactly("renewing", "renewal-failed");
    }

    @Test
    void givenAnotherInstanceLogsInFirst_whenAnEmptyStoreIsAsked_thenItsSessionAndNoLoginHere() {
        samcoIssuesTokens();
        var source = scriptedSource(true);
        var held = store.sharingState().tryLease(DV).get().get();
        var theirs = apiKeySession("fedcba9876543210fedcba9876543210", clock.instant());
        scripted.onAwait = () -> held.commit(theirs);
        assertThat(source.session()).isEqualTo(Either.right(theirs));
        assertThat(logins).hasValue(0);
        assertThat(said()).containsExactly("renewed");
        assertThat(events.get(0).detail()).isEqualTo("a new session is in use (logged in by another instance)");
        int reads = store.reads();
        assertThat(source.session()).isEqualTo(Either.right(theirs));
        assertThat(store.reads()).as("adopted: no read").isEqualTo(reads);
    }

    @Test
    void givenAnotherInstanceHoldsTheFirstLoginsLeaseTooLong_whenAsked_thenUnavailableNamingTheFirstLogin() {
        samcoIssuesTokens();
        var source = scriptedSource(true);
        store.sharingState().tryLease(DV);
        scripted.onAwait = () -> clock.advance(Duration.ofSeconds(1));
        var answer = source.session();
        assertThat(answer.getLeft().message()).contains("for its first login").contains("5 s");
        assertThat(scripted.awaits).as("one wait per second of renewalWait").isEqualTo(5);
        assertThat(logins).hasValue(0);
        scripted.awaitFault = new AuthError.Unavailable("the wait failed");
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.session().getLeft().message()).contains("the wait failed");
        scripted.leaseFault = new AuthError.StorageFailure("the lease failed", Option.none());
        assertThat(source.session().getLeft().message()).contains("the lease failed");
        scripted.readFaults.add(new AuthError.StorageFailure("the read failed", Option.none()));
        assertThat(source.session().getLeft().message()).contains("the read failed");
    }

    @Test
    void givenASessionStoredBetweenTheFirstLoginsReadAndItsLease_whenAsked_thenItIsTakenWithoutALogin() {
        samcoIssuesTokens();
        var source = scriptedSource(true);
        var theirs = apiKeySession("fedcba9876543210fedcba9876543210", clock.instant());
        // the first read finds nothing; the read under the lease finds theirs
        scripted.readFaults.clear();
        var first = new AtomicInteger();
        scripted.onAwait = () -> {};
        var wrapped = new Scripted(store) {
            @Override
            public Either<AuthError, VersionedSession> read(AccountId account) {
                if (first.incrementAndGet() == 3) {
                    store.save(theirs);
                }
                return super.read(account);
            }
        };
        var viaWrapped = sourceOn(wrapped, true);
        assertThat(viaWrapped.session()).isEqualTo(Either.right(theirs));
        assertThat(logins).hasValue(0);
        assertThat(source).isNotNull();
    }

    @Test
    void givenAFirstLogin_whenItCommits_thenTheGenerationIsTheCommitsAndAChecksEchoIsNoSecondRenewed() {
        samcoIssuesTokens();
        store.save(apiKeySession("0123456789abcdef0123456789abcdef", T0));
        store.delete(DV);
        var source = scriptedSource(true);
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 1));
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(said()).containsExactly("renewing", "renewed");
        store.forgetEverything();
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(store.read(DV).get().generation())
                .as("restored at the generation its commit made (3)")
                .isEqualTo(3);
    }

    @Test
    void givenAStoreThatPushes_whenItTellsOfAChange_thenReadAtOnce() {
        scripted.pushes = true;
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = scriptedSource(false);
        source.session();
        assertThat(scripted.told).isNotNull();
        var theirs = apiKeySession("fedcba9876543210fedcba9876543210", T0.plusSeconds(60));
        store.sharingState().save(theirs);
        scripted.told.run();
        assertThat(source.session()).isEqualTo(Either.right(theirs));
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue(); // the first check, from which the next is a safety read
        clock.advance(Duration.ofSeconds(5));
        int before = store.reads();
        scheduler.runDue();
        assertThat(store.reads()).as("no polling while changes are pushed").isEqualTo(before);
        clock.advance(Duration.ofSeconds(8));
        scheduler.runDue();
        assertThat(store.reads()).as("one safety read after 10 to 12 s").isEqualTo(before + 1);
    }

    @Test
    void givenTheSameSessionSavedAgainElsewhere_whenChecked_thenItsNewGenerationIsTheOneRestored() {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source();
        source.session();
        store.sharingState().save(stored);
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        store.forgetEverything();
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(store.read(DV).get().generation()).isEqualTo(2);
        assertThat(said()).containsExactly("restored");
    }

    @Test
    void givenARefusedSession_whenTheStoreStillHoldsIt_thenItIsNotServedAgain() {
        samco.onSessionToken((key, secret) -> Either.left(new AuthError.Unavailable("Samco is down")));
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source(Option.some(DV), false);
        source.session();
        var answer = source.rejected(stored.token());
        assertThat(answer.getLeft()).isInstanceOf(AuthError.Unavailable.class);
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(source.session().isLeft())
                .as("the refused token is never answered")
                .isTrue();
    }

    @Test
    void givenASessionShorterLivedThanTheWindow_whenAsked_thenRenewedHalfWayThroughItsLife() {
        samcoIssuesTokens();
        var shortLived = new Session(
                Sessions.token("0123456789abcdef0123456789abcdef"),
                Sessions.profile("DV99999"),
                T0,
                T0.plus(Duration.ofMinutes(6)),
                LoginMethod.API_KEY,
                Option.none());
        store.save(shortLived);
        var source = source();
        source.session();
        clock.advance(Duration.ofSeconds(179));
        assertThat(source.session()).isEqualTo(Either.right(shortLived));
        assertThat(logins).as("not before half its life").hasValue(0);
        clock.advance(Duration.ofSeconds(2));
        source.session();
        assertThat(logins).as("renewed after half its life").hasValue(1);
    }

    @Test
    void givenTheStoreIsAway_whenARenewalCannotStart_thenOnlyStoreUnavailableIsSaid() {
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = scriptedSource(false);
        source.session();
        scripted.readFaults.add(new AuthError.StorageFailure("Redis is away", Option.none()));
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        assertThat(said()).containsExactly("store-unavailable");
        clock.advance(Duration.between(T0, stored.expiresAt()).minus(Duration.ofMinutes(5)));
        scripted.leaseFault = new AuthError.StorageFailure("Redis is away", Option.none());
        source.session();
        assertThat(said())
                .as("the renewal that could not start is not said again")
                .containsExactly("store-unavailable");
    }

    @Test
    void givenAFirstLoginThatFailsWithoutARefusal_whenAskedAgain_thenTriedAgainAfterOneSecond() {
        samco.onSessionToken((key, secret) -> {
            logins.incrementAndGet();
            return Either.left(new AuthError.Unavailable("Samco is down"));
        });
        var source = source();
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.Unavailable.class);
        clock.advance(Duration.ofMillis(999));
        source.session();
        assertThat(logins).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        source.session();
        assertThat(logins).hasValue(2);
    }

    @Test
    void givenAFirstLoginRefusedForTheIp_whenAskedAgain_thenNotBeforeRetryAfter() {
        samco.onSessionToken((key, secret) -> {
            logins.incrementAndGet();
            return Either.left(new AuthError.IpNotRegistered(new AuthError.Rejected(
                    "Failure",
                    io.vavr.collection.List.empty(),
                    Option.some("EOAUTH009"),
                    Option.none(),
                    Option.none(),
                    403)));
        });
        var source = source();
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.IpNotRegistered.class);
        clock.advance(Duration.ofSeconds(2));
        source.session();
        assertThat(logins).hasValue(1);
    }

    @Test
    void givenASessionStoredJustBeforeTheFirstLoginReads_whenAsked_thenItIsTakenWithoutALease() {
        samcoIssuesTokens();
        var theirs = apiKeySession("fedcba9876543210fedcba9876543210", clock.instant());
        var reads = new AtomicInteger();
        var wrapped = new Scripted(store) {
            @Override
            public Either<AuthError, VersionedSession> read(AccountId account) {
                if (reads.incrementAndGet() == 2) {
                    store.save(theirs);
                }
                return super.read(account);
            }

            @Override
            public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
                throw new AssertionError("no lease is needed for a session already stored");
            }
        };
        var viaWrapped = sourceOn(wrapped, true);
        assertThat(viaWrapped.session()).isEqualTo(Either.right(theirs));
        assertThat(logins).hasValue(0);
    }

    @Test
    void givenTheReadUnderTheFirstLoginsLeaseFails_whenAsked_thenThatErrorNoLoginAndTheLeaseFree() {
        samcoIssuesTokens();
        var reads = new AtomicInteger();
        var wrapped = new Scripted(store) {
            @Override
            public Either<AuthError, VersionedSession> read(AccountId account) {
                return reads.incrementAndGet() == 3
                        ? Either.left(new AuthError.StorageFailure("the read failed", Option.none()))
                        : super.read(account);
            }
        };
        var viaWrapped = sourceOn(wrapped, true);
        assertThat(viaWrapped.session().getLeft().message()).contains("the read failed");
        assertThat(logins).hasValue(0);
        assertThat(store.tryLease(DV).get().isDefined()).isTrue();
    }

    @Test
    void givenALoadThatFailedOnce_whenTheStoreThenAnswersEmpty_thenNoSessionNotTheOldError() {
        var source = scriptedSource(false);
        scripted.readFaults.add(new AuthError.StorageFailure("the read failed", Option.none()));
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(source.session().getLeft()).isInstanceOf(AuthError.NoSession.class);
    }

    @Test
    void givenTheRenewalWindowComes_whenNobodyAsks_thenTheBackgroundCheckRenews() {
        samcoIssuesTokens();
        scripted.pushes = true;
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = scriptedSource(false);
        source.session();
        clock.advance(Duration.ofMillis(60));
        scheduler.runDue();
        var untilWindow = Duration.between(clock.instant(), stored.expiresAt().minus(SETTINGS.refreshBefore()));
        clock.advance(untilWindow.minusMillis(1));
        scheduler.runDue();
        assertThat(logins).as("not before the window").hasValue(0);
        assertThat(scheduler.untilNext())
                .as("the next check at the window's start, within a poll")
                .isEqualTo(50);
        clock.advance(Duration.ofMillis(50));
        scheduler.runDue();
        assertThat(logins).as("the check at the window's start renews").hasValue(1);
        assertThat(token(source.session())).isEqualTo(String.format("%032d", 1));
    }

    @Test
    void givenASessionThatExpiresWithNoSuccessor_whenChecked_thenExpiredSaidOnceWithWhy() {
        samco.onSessionToken((key, secret) -> Either.left(new AuthError.Unavailable("Samco is down")));
        var stored = apiKeySession("0123456789abcdef0123456789abcdef", T0);
        store.save(stored);
        var source = source(Option.some(DV), false);
        source.session();
        clock.advance(Duration.between(T0, stored.expiresAt()).minusSeconds(1));
        scheduler.runDue();
        assertThat(said()).as("due, failed, not yet expired").containsExactly("renewing", "renewal-failed");
        clock.advance(Duration.ofSeconds(2));
        scheduler.runDue();
        clock.advance(Duration.ofSeconds(2));
        scheduler.runDue();
        assertThat(said()).filteredOn("expired"::equals).hasSize(1);
        var expired = events.stream()
                .filter(e -> e.type() == SessionEvent.Type.EXPIRED)
                .findFirst()
                .get();
        assertThat(expired.detail()).contains("no successor").contains("Samco is down");
        assertThat(expired.expiresAt()).isEqualTo(Option.some(stored.expiresAt()));
    }
}
