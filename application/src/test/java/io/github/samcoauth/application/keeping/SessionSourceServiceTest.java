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
import io.github.samcoauth.testkit.JumpingClock;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The always-valid session source, with the store, the lock and Samco faked. */
class SessionSourceServiceTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final Instant T0 = Instant.parse("2025-01-13T04:40:40Z");
    private static final ApiCredentials CREDENTIALS = ApiCredentials.of(
                    "U2FsdGVkX1-key-DV99999", "U2FsdGVkX1-secret-DV99999")
            .get();
    private static final SessionSourceSettings SETTINGS =
            SessionSourceSettings.DEFAULTS.withCheckEvery(Duration.ofMillis(10)).withWaitAtMost(Duration.ofSeconds(5));

    private final JumpingClock clock = JumpingClock.frozen(T0);
    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ConcurrentLinkedQueue<SessionEvent> events = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final AtomicInteger logins = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private SessionSourceService source(InMemorySessionStore on) {
        return source(on, SETTINGS);
    }

    private SessionSourceService source(InMemorySessionStore on, SessionSourceSettings settings) {
        var apiKey = new ApiKeyLoginService(samco, on, audit, clock);
        var refresh = new RefreshSessionService(samco, on, audit, clock, apiKey);
        return new SessionSourceService(
                Option.some(DV),
                on,
                on,
                refresh,
                () -> Option.some(CREDENTIALS),
                events::add,
                clock,
                settings,
                executor);
    }

    private static Session apiKeySession(String token, Instant issued) {
        return Session.issue(Sessions.token(token), Sessions.profile("DV99999"), issued, LoginMethod.API_KEY);
    }

    /** Samco's /session/token: a new token per login, counted. */
    private void samcoIssuesTokens() {
        samco.onSessionToken((key, secret) -> {
            int n = logins.incrementAndGet();
            return Either.right(new LoginGrant(
                    Sessions.token(String.format("%032d", n)), Sessions.profile("DV99999"), ScriptedSamcoApi.OK));
        });
    }

    /** {@code callers} threads let go at once, the i-th asking {@code ask}; their answers. */
    private static java.util.List<Either<AuthError, Session>> atOnce(
            int callers, java.util.function.IntFunction<Either<AuthError, Session>> ask) throws InterruptedException {
        var start = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(callers);
        var answers = new ConcurrentLinkedQueue<Either<AuthError, Session>>();
        for (int i = 0; i < callers; i++) {
            int n = i;
            threads.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                answers.add(ask.apply(n));
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        return java.util.List.copyOf(answers);
    }

    private List<SessionEvent.Type> eventTypes() {
        return List.ofAll(events).map(SessionEvent::type);
    }

    @Test
    void givenAValidSession_whenAskedManyTimes_thenTheSameAnswerFromMemoryWithoutRenewal() {
        var session = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(session);
        try (var source = source(store)) {
            assertThat(source.session()).isEqualTo(Either.right(session));
            int reads = store.reads();
            for (int i = 0; i < 1000; i++) {
                assertThat(source.session().get()).isSameAs(session);
            }
            assertThat(store.reads() - reads).isLessThan(1000);
            assertThat(logins).hasValue(0);
        }
    }

    @Test
    void givenNoSession_whenAsked_thenNoSessionNeverNull() {
        try (var source = source(store)) {
            assertThat(source.session()).isEqualTo(Either.left(new AuthError.NoSession(Option.some(DV))));
        }
    }

    @Test
    void givenASessionInItsRenewalWindow_whenAsked_thenTheOldOneServedWhileOneRenewalRuns() throws Exception {
        samcoIssuesTokens();
        var old = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(old);
        try (var source = source(store)) {
            source.session();
            clock.advance(Duration.between(T0, old.expiresAt()).minusMinutes(5));
            assertThat(source.session()).isEqualTo(Either.right(old));
            awaitCondition(() -> logins.get() == 1 && !source.session().get().equals(old));
            assertThat(source.session().get().token()).isEqualTo(Sessions.token(String.format("%032d", 1)));
            assertThat(store.find(DV).get().get()).isEqualTo(source.session().get());
            // the event follows the new session's publication: wait for it rather than race it
            awaitCondition(() -> eventTypes().contains(SessionEvent.Type.RENEWED));
            Thread.sleep(100);
            assertThat(logins).hasValue(1);
        }
    }

    @Test
    void given64ThreadsOnTwoInstancesAtTheMomentOfExpiry_whenAsked_thenOneRenewal() throws Exception {
        samcoIssuesTokens();
        var old = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(old);
        var second = store.sharingState();
        try (var a = source(store);
                var b = source(second)) {
            a.session();
            b.session();
            clock.advance(Duration.between(T0, old.expiresAt()));
            var answers = atOnce(128, i -> (i % 2 == 0 ? a : b).session());
            assertThat(answers)
                    .hasSize(128)
                    .allSatisfy(answer ->
                            assertThat(answer.isRight()).as(answer.toString()).isTrue());
            assertThat(List.ofAll(answers).map(answer -> answer.get().token()).distinct())
                    .hasSize(1);
            assertThat(logins).hasValue(1);
        }
    }

    @Test
    void givenSamcoRefusesTheToken_whenRejectedTwiceOnTwoInstances_thenOneNewLogin() {
        samcoIssuesTokens();
        var old = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(old);
        var second = store.sharingState();
        try (var a = source(store);
                var b = source(second)) {
            a.session();
            b.session();
            var fromA = a.rejected(old.token());
            var fromB = b.rejected(old.token());
            assertThat(fromA.isRight()).as(fromA.toString()).isTrue();
            assertThat(fromB).isEqualTo(fromA);
            assertThat(logins).hasValue(1);
            assertThat(a.rejected(old.token())).isEqualTo(fromA);
            assertThat(logins).hasValue(1);
            assertThat(eventTypes()).contains(SessionEvent.Type.REVOKED, SessionEvent.Type.RENEWED);
        }
    }

    @Test
    void givenAnotherInstanceSavedANewSession_whenChecked_thenSeenWithoutALogin() {
        var old = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(old);
        try (var source = source(store)) {
            source.session();
            var newer = apiKeySession("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0.plusSeconds(60));
            store.sharingState().save(newer);
            awaitCondition(() -> source.session().get().equals(newer));
            assertThat(logins).hasValue(0);
        }
    }

    @Test
    void givenALoginCodeSession_whenInItsWindow_thenNotRenewableSaidOnceAndServedUntilExpiry() {
        var session = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(session);
        try (var source = source(store)) {
            source.session();
            clock.advance(Duration.between(T0, session.expiresAt()).minusMinutes(1));
            assertThat(source.session()).isEqualTo(Either.right(session));
            assertThat(source.session()).isEqualTo(Either.right(session));
            clock.advance(Duration.ofMinutes(2));
            assertThat(source.session()).isEqualTo(Either.left(new AuthError.NotRenewable(DV, LoginMethod.LOGIN_CODE)));
            assertThat(eventTypes().count(t -> t == SessionEvent.Type.NOT_RENEWABLE))
                    .isEqualTo(1);
            assertThat(samco.calls()).isEmpty();
        }
    }

    @Test
    void givenAnOAuthSession_whenRefreshFails_thenTheRefreshTokenIsNeverSentAgain() throws Exception {
        var refreshToken =
                RefreshToken.of("rt-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").get();
        var session = Session.issueOAuth(
                Sessions.token("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                Sessions.profile("DV99999"),
                T0,
                T0.plus(Duration.ofHours(1)),
                new RefreshGrant(refreshToken, T0.plus(Duration.ofDays(7))));
        store.save(session);
        var uses = new AtomicInteger();
        samco.onRefreshToken(token -> {
            uses.incrementAndGet();
            return Either.<AuthError, OAuthGrant>left(new AuthError.Unavailable("timed out"));
        });
        try (var source = source(store)) {
            source.session();
            clock.advance(Duration.between(T0, session.expiresAt()).minusMinutes(5));
            source.session();
            awaitCondition(() -> events.stream().anyMatch(e -> e.type() == SessionEvent.Type.RENEWAL_FAILED));
            clock.advance(Duration.ofMinutes(2));
            Thread.sleep(100);
            source.session();
            assertThat(uses).hasValue(1);
            assertThat(source.session()).isEqualTo(Either.right(session));
        }
    }

    @Test
    void givenTheStoreForgotEverything_whenChecked_thenTheSessionIsPutBackOnceWithoutALogin() {
        var session = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(session);
        var second = store.sharingState();
        try (var a = source(store);
                var b = source(second)) {
            a.session();
            b.session();
            store.forgetEverything();
            awaitCondition(() -> store.find(DV).get().isDefined());
            assertThat(store.find(DV).get().get()).isEqualTo(session);
            assertThat(logins).hasValue(0);
            awaitCondition(() -> eventTypes().contains(SessionEvent.Type.RESTORED));
        }
    }

    /**
     * A failover that lost what was not yet replicated, or a restart, between the last read and
     * the renewal: the lease holder finds the store empty at an older generation. That is a lost
     * store, not a logout: the session in memory is renewed and committed, never dropped.
     */
    @Test
    void givenTheStoreLostTheSessionJustBeforeItsRenewal_whenRenewed_thenRenewedFromMemoryNotRemoved() {
        samcoIssuesTokens();
        var old = apiKeySession("gggggggggggggggggggggggggggggggg", T0);
        store.save(old);
        try (var source = source(store, SETTINGS.withCheckEvery(Duration.ofHours(1)))) {
            assertThat(source.session()).isEqualTo(Either.right(old));
            store.forgetEverything();
            clock.advance(Duration.between(T0, old.expiresAt()).minusMinutes(5));
            source.session();
            awaitCondition(() -> logins.get() == 1
                    && source.session().isRight()
                    && !source.session().get().token().equals(old.token()));
            assertThat(store.find(DV).get().map(Session::token))
                    .contains(source.session().get().token());
            awaitCondition(() -> eventTypes().contains(SessionEvent.Type.RENEWED));
            assertThat(eventTypes()).doesNotContain(SessionEvent.Type.REMOVED);
        }
    }

    @Test
    void givenTheSessionIsLoggedOutElsewhere_whenChecked_thenDroppedNotRestored() {
        var session = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(session);
        try (var source = source(store)) {
            source.session();
            store.sharingState().delete(DV);
            awaitCondition(() -> source.session().isLeft());
            assertThat(source.session()).isEqualTo(Either.left(new AuthError.NoSession(Option.some(DV))));
            assertThat(store.find(DV).get()).isEmpty();
            awaitCondition(() -> eventTypes().contains(SessionEvent.Type.REMOVED));
        }
    }

    @Test
    void givenAListenerThatThrows_whenEventsHappen_thenTheSessionIsStillServed() {
        samcoIssuesTokens();
        var old = apiKeySession("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", T0);
        store.save(old);
        var apiKey = new ApiKeyLoginService(samco, store, audit, clock);
        try (var source = new SessionSourceService(
                Option.none(),
                store,
                store,
                new RefreshSessionService(samco, store, audit, clock, apiKey),
                () -> Option.some(CREDENTIALS),
                event -> {
                    throw new IllegalStateException("platform bug");
                },
                clock,
                SETTINGS,
                executor)) {
            assertThat(source.session()).isEqualTo(Either.right(old));
            assertThat(source.rejected(old.token()).isRight()).isTrue();
            assertThat(logins).hasValue(1);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void givenAnInstanceThatHasNotLoadedYet_whenTheStoredTokenIsRejected_thenThatTokenIsNeverTheAnswer() {
        samcoIssuesTokens();
        var refusedToken = apiKeySession("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", T0);
        store.save(refusedToken);
        try (var source = source(store)) {
            var answer = source.rejected(refusedToken.token());
            assertThat(answer.isRight()).as(answer.toString()).isTrue();
            assertThat(answer.get().token()).isNotEqualTo(refusedToken.token());
            assertThat(logins).hasValue(1);
            assertThat(eventTypes().count(t -> t == SessionEvent.Type.REVOKED)).isEqualTo(1);
        }
    }

    @Test
    void givenOneRevocationHitBy16Callers_whenTheyAllSayIt_thenOneRevokedOneRenewalOneRenewed() throws Exception {
        samcoIssuesTokens();
        var old = apiKeySession("cccccccccccccccccccccccccccccccc", T0);
        store.save(old);
        try (var source = source(store)) {
            source.session();
            var answers = atOnce(16, i -> source.rejected(old.token()));
            assertThat(answers)
                    .hasSize(16)
                    .allSatisfy(a -> assertThat(a.get().token()).isNotEqualTo(old.token()));
            Thread.sleep(200); // let background checks see the renewal's own save
            assertThat(logins).hasValue(1);
            assertThat(eventTypes().count(t -> t == SessionEvent.Type.REVOKED)).isEqualTo(1);
            assertThat(eventTypes().count(t -> t == SessionEvent.Type.RENEWED)).isEqualTo(1);
        }
    }

    private SessionSourceService loggingIn(InMemorySessionStore on) {
        return loggingIn(on, SETTINGS);
    }

    private SessionSourceService loggingIn(InMemorySessionStore on, SessionSourceSettings settings) {
        var apiKey = new ApiKeyLoginService(samco, on, audit, clock);
        var refresh = new RefreshSessionService(samco, on, audit, clock, apiKey);
        return new SessionSourceService(
                Option.some(DV),
                on,
                on,
                refresh,
                Option.some(apiKey),
                () -> Option.some(CREDENTIALS),
                events::add,
                clock,
                settings,
                executor);
    }

    @Test
    void givenFourInstancesWithCredentialsAndAnEmptyStore_whenAllAskAtOnce_thenOneLoginForAll() throws Exception {
        samco.onSessionToken((key, secret) -> {
            try {
                Thread.sleep(100); // a login that takes a while, so that the others come during it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int n = logins.incrementAndGet();
            return Either.right(new LoginGrant(
                    Sessions.token(String.format("%032d", n)), Sessions.profile("DV99999"), ScriptedSamcoApi.OK));
        });
        var instances = List.of(store, store.sharingState(), store.sharingState(), store.sharingState())
                .map(this::loggingIn);
        try {
            var answers = atOnce(16, i -> instances.get(i % 4).session());
            assertThat(answers)
                    .hasSize(16)
                    .allSatisfy(a -> assertThat(a.isRight()).as(a.toString()).isTrue());
            assertThat(List.ofAll(answers).map(a -> a.get().token()).distinct()).hasSize(1);
            assertThat(logins).hasValue(1);
            assertThat(store.find(DV).get().get().token())
                    .isEqualTo(answers.get(0).get().token());
        } finally {
            instances.forEach(SessionSourceService::close);
        }
    }

    @Test
    void givenAStoreThatLostAnExpiredApiKeySession_whenTheInstanceChecks_thenItLogsInOnce() throws Exception {
        samcoIssuesTokens();
        var old = apiKeySession("dddddddddddddddddddddddddddddddd", T0);
        store.save(old);
        // checks only when the test says: the store is away across the expiry, then comes back empty
        try (var source = loggingIn(store, SETTINGS.withCheckEvery(Duration.ofHours(1)))) {
            assertThat(source.session()).isEqualTo(Either.right(old));
            store.forgetEverything();
            clock.advance(Duration.between(T0, old.expiresAt()).plusMinutes(1));
            source.check();
            awaitCondition(() -> logins.get() == 1 && source.session().isRight());
            assertThat(source.session().get().token()).isNotEqualTo(old.token());
            Thread.sleep(100);
            assertThat(logins).hasValue(1);
            awaitCondition(() -> eventTypes().contains(SessionEvent.Type.RENEWED));
            assertThat(eventTypes()).contains(SessionEvent.Type.RENEWING);
        }
    }

    @Test
    void givenASessionLoggedOutElsewhere_whenAnInstanceWithCredentialsSeesIt_thenRemovedSaidAndOneLoginAgain()
            throws Exception {
        samcoIssuesTokens();
        var session = apiKeySession("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", T0);
        store.save(session);
        try (var source = loggingIn(store)) {
            assertThat(source.session()).isEqualTo(Either.right(session));
            store.delete(DV);
            awaitCondition(() -> eventTypes().contains(SessionEvent.Type.REMOVED));
            awaitCondition(() -> source.session().isRight()
                    && !source.session().get().token().equals(session.token()));
            Thread.sleep(100);
            assertThat(logins).as("kept valid: one login, not one per check").hasValue(1);
        }
    }

    @Test
    void givenCredentialsSamcoRefuses_whenAnEmptyStoreIsAsked_thenOneTryPerRetryPeriodAndTheRefusalSaid()
            throws Exception {
        samco.onSessionToken((key, secret) -> {
            logins.incrementAndGet();
            return Either.left(new AuthError.Rejected(
                    "Failure",
                    List.of("Invalid API secret"),
                    Option.some("EOAUTH008"),
                    Option.none(),
                    Option.none(),
                    401));
        });
        try (var source = loggingIn(store)) {
            var answer = source.session();
            assertThat(answer.getLeft()).isInstanceOf(AuthError.Rejected.class);
            for (int i = 0; i < 20; i++) {
                source.session();
            }
            Thread.sleep(100);
            assertThat(logins).hasValue(1);
            assertThat(eventTypes()).contains(SessionEvent.Type.RENEWAL_FAILED);
        }
    }

    @Test
    void givenASessionDueForRenewal_whenRenewedHere_thenTheStoreIsReadOnceForIt() throws Exception {
        samcoIssuesTokens();
        var old = apiKeySession("ffffffffffffffffffffffffffffffff", T0);
        store.save(old);
        // no background checks during the test: only the renewal reads
        try (var source = loggingIn(store, SETTINGS.withCheckEvery(Duration.ofHours(1)))) {
            assertThat(source.session()).isEqualTo(Either.right(old));
            int before = store.reads();
            clock.advance(Duration.between(T0, old.expiresAt()).minusMinutes(5));
            assertThat(source.session()).isEqualTo(Either.right(old));
            awaitCondition(() -> logins.get() == 1 && !source.session().get().equals(old));
            assertThat(store.reads() - before)
                    .as("reads of the store for one renewal")
                    .isEqualTo(1);
        }
    }
}
