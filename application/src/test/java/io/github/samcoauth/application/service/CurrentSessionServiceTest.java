package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CurrentSessionServiceTest {

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final CurrentSessionService service = new CurrentSessionService(store, CLOCK);
    private final Session dv = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NOW.minusSeconds(60));
    private final Session rm = Sessions.session("RM3XXXXX", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NOW.minusSeconds(60));
    private final Session expired =
            Sessions.session("AB12345", "cccccccccccccccccccccccccccccccc", NOW.minus(Duration.ofDays(2)));

    @Test
    void givenOneValidSessionAndOneExpired_whenCurrentForAnyAccount_thenTheValidOne() {
        store.save(dv);
        store.save(expired);
        assertThat(service.current(CurrentSessionCommand.anyAccount())).isEqualTo(Either.right(dv));
    }

    @Test
    void givenOnlyExpired_whenCurrent_thenNoSession() {
        store.save(expired);
        assertThat(service.current(CurrentSessionCommand.anyAccount()))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.none())));
        assertThat(service.current(CurrentSessionCommand.forAccount(expired.accountId())))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.some(expired.accountId()))));
    }

    @Test
    void givenTwoValidSessions_whenCurrentForAnyAccount_thenAccountRequiredListingBoth() {
        store.save(rm);
        store.save(dv);
        assertThat(service.current(CurrentSessionCommand.anyAccount()))
                .isEqualTo(Either.left(new AuthError.AccountRequired(List.of(dv.accountId(), rm.accountId()))));
        assertThat(service.current(CurrentSessionCommand.of("rm3xxxxx").get())).isEqualTo(Either.right(rm));
    }

    @Test
    void givenUnknownAccount_whenCurrent_thenNoSessionForIt() {
        store.save(dv);
        var other = new AccountId("ZZ00001");
        assertThat(service.current(CurrentSessionCommand.forAccount(other)))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.some(other))));
    }

    @Test
    void givenSessionSavedLaterBySomeoneElse_whenCurrentAgain_thenSeen() {
        assertThat(service.current(CurrentSessionCommand.anyAccount())).isLeft();
        store.save(dv);
        assertThat(service.current(CurrentSessionCommand.anyAccount())).isEqualTo(Either.right(dv));
        store.delete(dv.accountId());
        assertThat(service.current(CurrentSessionCommand.anyAccount())).isLeft();
    }

    @Test
    void givenStoreFails_whenCurrent_thenStorageFailure() {
        var failure = new AuthError.StorageFailure("unreadable", Option.none());
        var failing = new CurrentSessionService(FailingStore.unreadable(failure), CLOCK);
        assertThat(failing.current(CurrentSessionCommand.anyAccount())).isEqualTo(Either.left(failure));
        assertThat(failing.current(CurrentSessionCommand.forAccount(dv.accountId())))
                .isEqualTo(Either.left(failure));
    }

    @Test
    void given64ConcurrentCallers_whenCurrent_thenOneStoreRead() throws Exception {
        store.save(dv);
        var release = new CountDownLatch(1);
        var reads = new AtomicInteger();
        var slow = new SlowStore(store, release, reads);
        var shared = new CurrentSessionService(slow, CLOCK);
        var threads = new ArrayList<Thread>();
        var results = new java.util.concurrent.ConcurrentLinkedQueue<Either<AuthError, Session>>();
        for (int i = 0; i < 64; i++) {
            var t = new Thread(() -> results.add(shared.current(CurrentSessionCommand.anyAccount())));
            threads.add(t);
            t.start();
        }
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        release.countDown();
        for (var t : threads) {
            t.join(10_000);
        }
        assertThat(reads.get()).isEqualTo(1);
        assertThat(results).hasSize(64).containsOnly(Either.right(dv));
    }

    @Test
    void givenFirstReadFinished_whenAskedAgain_thenReadsAgain() {
        store.save(dv);
        service.current(CurrentSessionCommand.anyAccount());
        service.current(CurrentSessionCommand.anyAccount());
        assertThat(store.reads()).isEqualTo(2);
    }

    /** Blocks every read until released, counting them. */
    private record SlowStore(SessionStorePort delegate, CountDownLatch release, AtomicInteger reads)
            implements SessionStorePort {
        @Override
        public Either<AuthError, Session> save(Session session) {
            return delegate.save(session);
        }

        @Override
        public Either<AuthError, Option<Session>> find(AccountId account) {
            reads.incrementAndGet();
            await();
            return delegate.find(account);
        }

        @Override
        public Either<AuthError, List<Session>> findAll() {
            reads.incrementAndGet();
            await();
            return delegate.findAll();
        }

        @Override
        public Either<AuthError, Boolean> delete(AccountId account) {
            return delegate.delete(account);
        }

        private void await() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
