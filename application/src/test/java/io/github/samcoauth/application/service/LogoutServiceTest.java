package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LogoutCommand;
import io.github.samcoauth.application.port.in.LogoutResult;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LogoutServiceTest {

    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final LogoutService service = new LogoutService(samco, store, audit, CLOCK);
    private final Session dv = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NOW.minusSeconds(60));
    private final Session rm = Sessions.session("RM3XXXXX", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NOW.minusSeconds(60));

    @Test
    void givenOneValidSession_whenLogout_thenSamcoCalledWithItsTokenAndLocalRemoved() {
        store.save(dv);
        var sent = new AtomicReference<String>();
        samco.onLogout(token -> {
            sent.set(token.value());
            return Either.right(ScriptedSamcoApi.OK);
        });
        var result = service.logout(LogoutCommand.of(null).get());
        assertThat(result)
                .isEqualTo(Either.right(new LogoutResult(
                        dv.accountId(), new LogoutResult.Remote.LoggedOut(ScriptedSamcoApi.OK), Option.none())));
        assertThat(result.get().complete()).isTrue();
        assertThat(sent.get()).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.LOGOUT);
    }

    @Test
    void givenSamcoUnreachable_whenLogout_thenLocalStillRemovedAndResultSaysSo() {
        store.save(dv);
        var down = new AuthError.Unavailable("connection refused");
        samco.onLogout(token -> Either.left(down));
        var result = service.logout(LogoutCommand.of("DV99999").get()).get();
        assertThat(result)
                .isEqualTo(new LogoutResult(dv.accountId(), new LogoutResult.Remote.Failed(down), Option.none()));
        assertThat(result.complete()).isFalse();
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.LOGOUT_FAILED);
    }

    @Test
    void givenExpiredSessionNamed_whenLogout_thenNoRemoteCallAndLocalRemoved() {
        var old = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NOW.minus(Duration.ofDays(3)));
        store.save(old);
        var result = service.logout(LogoutCommand.of("DV99999").get());
        assertThat(result)
                .isEqualTo(Either.right(
                        new LogoutResult(old.accountId(), new LogoutResult.Remote.SkippedExpired(), Option.none())));
        assertThat(samco.calls()).isEmpty();
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
    }

    @Test
    void givenNoSession_whenLogout_thenNoSessionAndNothingSent() {
        assertThat(service.logout(LogoutCommand.of(null).get()))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.none())));
        assertThat(service.logout(LogoutCommand.of("DV99999").get()))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.some(new AccountId("DV99999")))));
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenTwoValidSessions_whenLogoutWithoutAccount_thenAccountRequiredAndBothKept() {
        store.save(dv);
        store.save(rm);
        assertThat(service.logout(LogoutCommand.of("").get()))
                .isEqualTo(Either.left(new AuthError.AccountRequired(List.of(dv.accountId(), rm.accountId()))));
        assertThat(store.findAll().get()).hasSize(2);
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenLocalDeleteFails_whenLogout_thenRemoteDoneAndLocalFailureReported() {
        var failure = new AuthError.StorageFailure("read-only", Option.none());
        var failing = new LogoutService(samco, new FailingStore(failure, dv), audit, CLOCK);
        var result = failing.logout(LogoutCommand.of("DV99999").get()).get();
        assertThat(result)
                .isEqualTo(new LogoutResult(
                        dv.accountId(), new LogoutResult.Remote.LoggedOut(ScriptedSamcoApi.OK), Option.some(failure)));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void givenBadAccount_whenLogoutCommand_thenInvalidInput() {
        assertThat(LogoutCommand.of("no such!").getLeft().code()).isEqualTo("invalid-input");
    }
}
