package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.EXPIRED_CODE;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static io.github.samcoauth.application.service.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LoginCommand;
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
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginServiceTest {

    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final LoginService service = new LoginService(samco, store, audit, CLOCK);

    @Test
    void givenValidCode_whenLogin_thenSessionIssuedNowAndStored() {
        samco.onLogin(code ->
                code.value().equals("NUWL3586") ? Fixtures.grant("RM3XXXXX", TOKEN) : Either.left(EXPIRED_CODE));
        var session = service.login(LoginCommand.of("NUWL3586").get());
        var expected = Session.issue(Sessions.token(TOKEN), Sessions.profile("RM3XXXXX"), NOW);
        assertThat(session).isEqualTo(Either.right(expected));
        assertThat(expected.expiresAt()).isEqualTo(Instant.parse("2025-01-14T02:30:00Z"));
        assertThat(store.find(new AccountId("RM3XXXXX"))).isEqualTo(Either.right(Option.some(expected)));
    }

    @Test
    void givenValidCode_whenLogin_thenAuditedWithoutSecret() {
        samco.onLogin(code -> Fixtures.grant("RM3XXXXX", TOKEN));
        service.login(LoginCommand.of("NUWL3586").get());
        assertThat(audit.events())
                .containsExactly(new AuditEvent(
                        NOW,
                        AuditEvent.Type.LOGIN_SUCCEEDED,
                        Option.some("RM3XXXXX"),
                        ScriptedSamcoApi.OK.msgId(),
                        Option.some(ScriptedSamcoApi.OK.serverTime()),
                        "success"));
        assertThat(audit.events().toString()).doesNotContain(TOKEN).doesNotContain("NUWL3586");
    }

    @Test
    void givenExpiredCode_whenLogin_thenRejectedNothingStoredAndAudited() {
        samco.onLogin(code -> Either.left(EXPIRED_CODE));
        assertThat(service.login(LoginCommand.of("NUWL3586").get())).isEqualTo(Either.left(EXPIRED_CODE));
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.LOGIN_REJECTED);
        assertThat(samco.calls()).containsExactly("validateLoginCode");
    }

    @Test
    void givenStoreNotWritable_whenLogin_thenStorageFailureAndTheCodeNeverSent() {
        var failure = new AuthError.StorageFailure("is a file, not a directory", Option.some("/x/state"));
        samco.onLogin(code -> Fixtures.grant("RM3XXXXX", TOKEN));
        var result = new LoginService(samco, FailingStore.notWritable(failure), audit, CLOCK)
                .login(LoginCommand.of("NUWL3586").get());
        assertThat(result).isEqualTo(Either.left(failure));
        assertThat(samco.calls()).isEmpty();
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void givenSaveFailsAfterSamcoGranted_whenLogin_thenLoggedOutAtSamcoAndToldPlainly() {
        var failure =
                new AuthError.StorageFailure("cannot save the session: No space left on device", Option.some("/x"));
        samco.onLogin(code -> Fixtures.grant("RM3XXXXX", TOKEN));
        samco.onLogout(token -> Either.right(ScriptedSamcoApi.OK));
        var result = new LoginService(samco, new FailingStore(failure), audit, CLOCK)
                .login(LoginCommand.of("NUWL3586").get());
        assertThat(samco.calls()).containsExactly("validateLoginCode", "logout");
        assertThat(result.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(result.getLeft().message())
                .contains("Samco granted the session but it could not be saved")
                .contains("No space left on device")
                .contains("it was logged out at Samco")
                .contains("(/x)")
                .doesNotContain(TOKEN);
        assertThat(audit.events())
                .extracting(AuditEvent::type, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEvent.Type.LOGIN_FAILED, "storage-failure"));
    }

    @Test
    void givenSaveAndLogoutBothFail_whenLogin_thenToldTheTokenStaysLive() {
        var failure = new AuthError.StorageFailure("disk full", Option.none());
        samco.onLogin(code -> Fixtures.grant("RM3XXXXX", TOKEN));
        samco.onLogout(token -> Either.left(new AuthError.Unavailable("timeout")));
        var result = new LoginService(samco, new FailingStore(failure), audit, CLOCK)
                .login(LoginCommand.of("NUWL3586").get());
        assertThat(result.getLeft().message())
                .contains("could not be logged out at Samco either")
                .contains("stays valid at Samco until it expires");
    }

    @Test
    void givenAuditLogFails_whenLogin_thenLoginStillSucceeds() {
        samco.onLogin(code -> Fixtures.grant("RM3XXXXX", TOKEN));
        var service = new LoginService(
                samco, store, event -> Either.left(new AuthError.StorageFailure("journal", Option.none())), CLOCK);
        assertThat(service.login(LoginCommand.of("NUWL3586").get())).isRight();
    }

    @Test
    void givenLoginCommand_whenToString_thenCodeHidden() {
        assertThat(LoginCommand.of("NUWL3586").get().toString()).isEqualTo("LoginCommand[code=***]");
        assertThat(Fixtures.grant("RM3XXXXX", TOKEN).get().toString())
                .isEqualTo("LoginGrant[account=RM3XXXXX, token=***]");
        assertThat(java.util.Arrays.stream(AuditEvent.Type.values()).map(AuditEvent.Type::label))
                .containsExactly(
                        "otp-requested",
                        "otp-rejected",
                        "otp-failed",
                        "login-succeeded",
                        "login-rejected",
                        "login-failed",
                        "code-minted",
                        "logout",
                        "logout-failed");
        assertThat(LoginCommand.of("bad code!").getLeft().code()).isEqualTo("invalid-input");
    }
}
