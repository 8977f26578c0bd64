package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.StoredSession;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListSessionsServiceTest {

    private final InMemorySessionStore store = new InMemorySessionStore();
    private final ListSessionsService service = new ListSessionsService(store, CLOCK);
    private final io.github.samcoauth.domain.Session valid =
            Sessions.session("RM3XXXXX", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NOW.minusSeconds(5));
    private final io.github.samcoauth.domain.Session expired =
            Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NOW.minus(Duration.ofDays(1)));

    @Test
    void givenValidAndExpired_whenList_thenBothFlaggedAndOrdered() {
        store.save(valid);
        store.save(expired);
        assertThat(service.list())
                .isEqualTo(Either.right(List.of(new StoredSession(expired, false), new StoredSession(valid, true))));
    }

    @Test
    void givenAStoreThatListsInAnyOrder_whenList_thenOrderedByAccount() {
        var third = Sessions.session("AB12345", "cccccccccccccccccccccccccccccccc", NOW.minusSeconds(5));
        var unordered = new SessionStorePort() {
            @Override
            public Either<AuthError, io.github.samcoauth.domain.Session> save(io.github.samcoauth.domain.Session s) {
                return Either.right(s);
            }

            @Override
            public Either<AuthError, Option<io.github.samcoauth.domain.Session>> find(AccountId account) {
                return Either.right(Option.none());
            }

            @Override
            public Either<AuthError, List<io.github.samcoauth.domain.Session>> findAll() {
                return Either.right(List.of(valid, expired, third));
            }

            @Override
            public Either<AuthError, Boolean> delete(AccountId account) {
                return Either.right(false);
            }
        };
        assertThat(new ListSessionsService(unordered, CLOCK)
                        .list()
                        .get()
                        .map(s -> s.session().accountId().value()))
                .containsExactly("AB12345", "DV99999", "RM3XXXXX");
    }

    @Test
    void givenValidAndExpired_whenPrune_thenOnlyExpiredRemoved() {
        store.save(valid);
        store.save(expired);
        assertThat(service.pruneExpired()).isEqualTo(Either.right(List.of(new AccountId("DV99999"))));
        assertThat(store.findAll()).isEqualTo(Either.right(List.of(valid)));
    }

    @Test
    void givenStoreCannotDelete_whenPrune_thenStorageFailure() {
        var failure = new AuthError.StorageFailure("read-only", Option.none());
        var failing = new ListSessionsService(new FailingStore(failure, expired), CLOCK);
        assertThat(failing.pruneExpired()).isEqualTo(Either.left(failure));
    }
}
