package io.github.samcoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStorePort} must do. Extend it with a factory for the implementation
 * under test; each test gets a fresh, empty store.
 */
public abstract class SessionStorePortContract {

    /** For a subclass that names the implementation under test. */
    protected SessionStorePortContract() {}

    /** The store {@link #createStore()} made for the running test. */
    protected SessionStorePort store;

    /**
     * A new, empty store.
     *
     * @return the store
     */
    protected abstract SessionStorePort createStore();

    /**
     * A second store over the same backing state as the one {@link #createStore()} made last: a
     * second instance, process or host (a new file store on the same directory, a new client of
     * the same Redis, …).
     *
     * @return the store
     */
    protected abstract SessionStorePort anotherStoreOnTheSameState();

    @BeforeEach
    void freshStore() {
        store = createStore();
    }

    private static AccountId account(String id) {
        return AccountId.of(id).get();
    }

    @Test
    void givenEmptyStore_whenFind_thenNone() {
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.none()));
    }

    @Test
    void givenEmptyStore_whenFindAll_thenEmpty() {
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
    }

    @Test
    void givenSavedSession_whenFind_thenSameSession() {
        var session = Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859");
        assertThat(store.save(session)).isEqualTo(Either.right(session));
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.some(session)));
    }

    @Test
    void givenJwtTokenAndUnknownCodes_whenSavedAndFound_thenKeptExactly() {
        var jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJSTTNYWFhYWCJ9.c2lnbmF0dXJlLXdpdGgtKy8tXyE";
        var session = Sessions.session("RM3XXXXX", jwt);
        store.save(session);
        assertThat(store.find(account("RM3XXXXX")).get().get()).isEqualTo(session);
    }

    @Test
    void givenSavedTwice_whenFind_thenLastWins() {
        store.save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        var second = Sessions.session("DV99999", "22222222222222222222222222222222", Sessions.ISSUED.plusSeconds(60));
        store.save(second);
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.some(second)));
        assertThat(store.findAll()).isEqualTo(Either.right(List.of(second)));
    }

    @Test
    void givenTwoAccounts_whenFindAll_thenBothOrderedByAccount() {
        var b = Sessions.session("RM3XXXXX", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        var a = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        store.save(b);
        store.save(a);
        assertThat(store.findAll()).isEqualTo(Either.right(List.of(a, b)));
    }

    @Test
    void givenSavedSession_whenDelete_thenTrueAndGone() {
        store.save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859"));
        assertThat(store.delete(account("DV99999"))).isEqualTo(Either.right(true));
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.none()));
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
    }

    @Test
    void givenNoSession_whenDelete_thenFalse() {
        assertThat(store.delete(account("DV99999"))).isEqualTo(Either.<AuthError, Boolean>right(false));
    }

    @Test
    void givenTwoAccounts_whenOneDeleted_thenOtherKept() {
        var a = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        var b = Sessions.session("RM3XXXXX", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        store.save(a);
        store.save(b);
        store.delete(account("DV99999"));
        assertThat(store.findAll()).isEqualTo(Either.right(List.of(b)));
    }

    @Test
    void givenExpiredSession_whenFind_thenStillReturned() {
        var old =
                Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859", Instant.parse("2020-01-01T00:00:00Z"));
        store.save(old);
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.some(old)));
    }

    @Test
    void givenSession_whenDeletedAndSavedAgain_thenFoundAgain() {
        var session = Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859");
        store.save(session);
        store.delete(session.accountId());
        store.save(session);
        assertThat(store.find(session.accountId())).isEqualTo(Either.right(Option.some(session)));
    }

    @Test
    void givenSession_whenSaved_thenToStringOfStoreResultsHidesToken() {
        var session = Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859");
        assertThat(store.save(session).toString() + store.findAll().toString())
                .doesNotContain("f4b8ec1dcc1e9486f723cb5fcba16859");
    }

    /**
     * Helper for subclasses: a session issued at a given time.
     *
     * @param account the account code
     * @param token the token's text
     * @param issuedAt when it was issued
     * @return the session
     */
    protected static Session sessionIssuedAt(String account, String token, Instant issuedAt) {
        return Sessions.session(account, token, issuedAt);
    }

    @Test
    void givenASecondStoreOnTheSameState_whenTheFirstSaves_thenTheSecondSeesItAtOnce() {
        var other = anotherStoreOnTheSameState();
        assertThat(other.find(account("DV99999"))).isEqualTo(Either.right(Option.none()));
        var saved = Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859");
        store.save(saved);
        assertThat(other.find(account("DV99999"))).isEqualTo(Either.right(Option.some(saved)));
        var replaced = Sessions.session("DV99999", "22222222222222222222222222222222");
        other.save(replaced);
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.some(replaced)));
        other.delete(account("DV99999"));
        assertThat(store.find(account("DV99999"))).isEqualTo(Either.right(Option.none()));
    }

    @Test
    void givenConcurrentWritersOfOneAccount_whenAllSaved_thenOneOfTheirSessionsWholeAndNoFailure() throws Exception {
        int writers = 8;
        int each = 25;
        var stores = new ArrayList<SessionStorePort>();
        for (int w = 0; w < writers; w++) {
            stores.add(w % 2 == 0 ? store : anotherStoreOnTheSameState());
        }
        var written = ConcurrentHashMap.<Session>newKeySet();
        var failures = new ConcurrentLinkedQueue<AuthError>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        try {
            var done = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        var token = String.format("%016x%016x", writer, i);
                        var session = Sessions.session("DV99999", token);
                        written.add(session);
                        stores.get(writer).save(session).peekLeft(failures::add);
                        stores.get(writer).find(account("DV99999")).peekLeft(failures::add);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        var last = store.find(account("DV99999")).get();
        assertThat(last.isDefined()).isTrue();
        assertThat(written).contains(last.get());
        assertThat(store.findAll().get()).hasSize(1);
    }
}
