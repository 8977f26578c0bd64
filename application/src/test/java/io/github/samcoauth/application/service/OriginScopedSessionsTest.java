package io.github.samcoauth.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Origin;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A store seen from one origin: sessions of other origins are not there, and saying so names both. */
class OriginScopedSessionsTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final AccountId RM = new AccountId("RM3XXXXX");
    private static final Origin SANDBOX = Origin.of("http://127.0.0.1:41234").get();

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final OriginScopedSessions sandbox = new OriginScopedSessions(store, store, SANDBOX);
    private final OriginScopedSessions production = new OriginScopedSessions(store, store, Origin.DEFAULT);

    @Test
    void givenASessionSavedThroughOneOrigin_whenReadThroughEach_thenOnlyItsOwnSeesIt() {
        var made = Sessions.session("DV99999", "0123456789abcdef0123456789abcdef");
        var saved = sandbox.save(made).get();
        assertThat(saved.origin()).isEqualTo(SANDBOX);
        assertThat(store.find(DV).get().get().origin())
                .as("stored with its origin")
                .isEqualTo(SANDBOX);
        assertThat(sandbox.origin()).isEqualTo(SANDBOX);

        assertThat(sandbox.find(DV)).isEqualTo(Either.right(Option.some(saved)));
        assertThat(sandbox.findAll()).isEqualTo(Either.right(List.of(saved)));
        assertThat(sandbox.read(DV).get().session()).isEqualTo(Option.some(saved));

        var elsewhere = production.find(DV).getLeft();
        assertThat(elsewhere).isInstanceOf(AuthError.NoSession.class);
        assertThat(elsewhere.code()).isEqualTo("no-session");
        assertThat(elsewhere.message()).contains(SANDBOX.toString()).contains(Origin.DEFAULT.toString());
        assertThat(((AuthError.NoSession) elsewhere).account()).isEqualTo(Option.some(DV));
        assertThat(production.findAll()).isEqualTo(Either.right(List.empty()));
        var read = production.read(DV).get();
        assertThat(read.session()).isEmpty();
        assertThat(read.generation()).isEqualTo(store.read(DV).get().generation());
        assertThat(production.find(RM)).isEqualTo(Either.right(Option.none()));
    }

    @Test
    void givenASessionOfAnotherOrigin_whenDeletedOrRestoredFromHere_thenItIsLeftAlone() {
        var saved = sandbox.save(Sessions.session("DV99999", "0123456789abcdef0123456789abcdef"))
                .get();
        assertThat(production.delete(DV)).isEqualTo(Either.right(false));
        assertThat(store.find(DV).get().isDefined()).isTrue();
        assertThat(production.restore(saved, 99)).isEqualTo(Either.right(false));
        assertThat(sandbox.delete(DV)).isEqualTo(Either.right(true));
        assertThat(sandbox.delete(DV)).isEqualTo(Either.right(false));
        assertThat(sandbox.restore(saved, 99)).isEqualTo(Either.right(true));
        assertThat(store.find(DV).get()).isEqualTo(Option.some(saved));
    }

    @Test
    void givenTheLeaseCalls_whenMadeThroughTheScope_thenTheyReachTheCoordinationAsTheyAre() {
        assertThat(sandbox.checkWritable()).isEqualTo(Either.right(true));
        var lease = sandbox.tryLease(DV).get().get();
        assertThat(lease.account()).isEqualTo(DV);
        assertThat(production.tryLease(DV))
                .as("one lease per account, whatever the origin")
                .isEqualTo(Either.right(Option.none()));
        assertThat(sandbox.awaitChange(DV, 0, Duration.ofMillis(10)).isRight()).isTrue();
        assertThat(lease.release()).isEqualTo(Either.right(true));
        var committing = sandbox.tryLease(DV).get().get();
        var renewed = committing.commit(Sessions.session("DV99999", "0123456789abcdef0123456789abcdef"));
        assertThat(renewed.isRight()).as("%s", renewed).isTrue();
        assertThat(store.find(DV).get().get().origin())
                .as("a commit marks the origin as a save does")
                .isEqualTo(sandbox.origin());
        assertThat(renewed.get().session().get().origin())
                .as("and answers the session as stored")
                .isEqualTo(sandbox.origin());
        assertThat(new VersionedSession(Option.none(), 0).session()).isEmpty();
    }

    @Test
    void givenACoordinationThatPushes_whenWatchedThroughTheScope_thenItsAnswerAndTheSameListener() {
        var told = new java.util.ArrayList<Runnable>();
        var pushing = new io.github.samcoauth.application.port.out.SessionCoordinationPort() {
            @Override
            public Either<AuthError, VersionedSession> read(AccountId account) {
                return store.read(account);
            }

            @Override
            public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
                return store.tryLease(account);
            }

            @Override
            public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
                return store.awaitChange(account, seen, timeout);
            }

            @Override
            public boolean watch(AccountId account, Runnable onChange) {
                told.add(onChange);
                return true;
            }
        };
        Runnable listener = () -> {};
        assertThat(new OriginScopedSessions(store, pushing, SANDBOX).watch(DV, listener))
                .isTrue();
        assertThat(told).containsExactly(listener);
        assertThat(sandbox.watch(DV, listener))
                .as("the in-memory store does not push")
                .isFalse();
    }
}
