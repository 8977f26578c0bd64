package io.github.samcoauth.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.AuditHistoryUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditHistoryServiceTest {

    private static AuditEvent at(int second, String subject) {
        return new AuditEvent(
                Instant.parse("2025-01-13T04:40:00Z").plusSeconds(second),
                AuditEvent.Type.LOGOUT,
                Option.of(subject),
                Option.none(),
                Option.none(),
                "success");
    }

    @Test
    void givenEventsFromSeveralStreams_whenRead_thenOldestFirstAndNoMoreThanAsked() {
        var asked = new AtomicReference<Option<AccountId>>();
        var service = new AuditHistoryService((account, count) -> {
            asked.set(account);
            // two accounts' streams, each newest first, as a store may answer
            return Either.right(List.of(at(5, "DV99999"), at(1, "DV99999"), at(4, "AB12345"), at(2, "AB12345")));
        });
        var read = service.last(Option.none(), 3);
        assertThat(read.get().map(e -> e.at().getEpochSecond() % 60).toJavaList())
                .containsExactly(2L, 4L, 5L);
        assertThat(asked.get()).isEmpty();
        service.last(Option.some(new AccountId("DV99999")), 1);
        assertThat(asked.get()).contains(new AccountId("DV99999"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, AuditHistoryUseCase.MOST + 1, Integer.MIN_VALUE})
    void givenACountOutOfRange_whenRead_thenInvalidInputAndTheJournalIsNotAsked(int count) {
        var service = new AuditHistoryService((account, n) -> {
            throw new AssertionError("the journal was asked for " + n);
        });
        var read = service.last(Option.none(), count);
        assertThat(read.getLeft()).isInstanceOf(AuthError.InvalidInput.class);
        assertThat(read.getLeft().message()).contains("1 to " + AuditHistoryUseCase.MOST);
    }

    @Test
    void givenTheJournalFails_whenRead_thenItsFailureIsTheAnswer() {
        var failure = new AuthError.StorageFailure("cannot read the audit journal", Option.none());
        var service = new AuditHistoryService((account, n) -> Either.left(failure));
        assertThat(service.last(Option.none(), AuditHistoryUseCase.MOST).getLeft())
                .isEqualTo(failure);
    }
}
