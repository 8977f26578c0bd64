package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static io.github.samcoauth.application.service.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.AccountLoginCode;
import io.github.samcoauth.application.port.in.AccountWhoAmI;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.MintedCode;
import io.github.samcoauth.application.port.out.WhoAmI;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** API-key login, refresh, whoami and minted codes, with the ports faked. */
class CurrentFlowsServiceTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final ApiCredentials CREDENTIALS = ApiCredentials.of(
                    "U2FsdGVkX1-key-DV99999", "U2FsdGVkX1-secret-DV99999")
            .get();
    private static final AuthError.Rejected BAD_KEY = new AuthError.Rejected(
            "Failure", List.of("Invalid API key"), Option.some("EOAUTH001"), Option.none(), Option.none(), 401);

    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ApiKeyLoginService apiKeyLogin = new ApiKeyLoginService(samco, store, audit, CLOCK);
    private final RefreshSessionService refresh = new RefreshSessionService(samco, store, audit, CLOCK, apiKeyLogin);

    @Test
    void givenGoodCredentials_whenApiKeyLogin_thenAnApiKeySessionStoredAndAudited() {
        samco.onSessionToken((key, secret) ->
                key.value().endsWith("DV99999") ? Fixtures.grant("DV99999", TOKEN) : Either.left(BAD_KEY));
        var session = apiKeyLogin.login(CREDENTIALS);
        var expected = Session.issue(Sessions.token(TOKEN), Sessions.profile("DV99999"), NOW, LoginMethod.API_KEY);
        assertThat(session).isEqualTo(Either.right(expected));
        assertThat(store.find(DV)).isEqualTo(Either.right(Option.some(expected)));
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.LOGIN_SUCCEEDED);
        assertThat(audit.events().toString()).doesNotContain("U2FsdGVkX1");
    }

    @Test
    void givenBadCredentials_whenApiKeyLogin_thenRejectedWithSamcosCodeSentOnceNothingStored() {
        samco.onSessionToken((key, secret) -> Either.left(BAD_KEY));
        assertThat(apiKeyLogin.login(CREDENTIALS)).isEqualTo(Either.left(BAD_KEY));
        assertThat(samco.calls()).containsExactly("sessionToken");
        assertThat(store.findAll()).isEqualTo(Either.right(List.empty()));
    }

    @Test
    void givenStoreNotWritable_whenApiKeyLogin_thenNothingSent() {
        var failure = new AuthError.StorageFailure("is a file, not a directory", Option.none());
        var result = new ApiKeyLoginService(samco, FailingStore.notWritable(failure), audit, CLOCK).login(CREDENTIALS);
        assertThat(result).isEqualTo(Either.left(failure));
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenMissingCredentials_whenParsed_thenInvalidInputNamingTheField() {
        assertThat(ApiCredentials.of(null, "U2FsdGVkX1-secret"))
                .isEqualTo(Either.left(new AuthError.InvalidInput(new DomainError.Blank("API key"))));
        assertThat(ApiCredentials.of("U2FsdGVkX1-key", " "))
                .isEqualTo(Either.left(new AuthError.InvalidInput(new DomainError.Blank("API secret"))));
        assertThat(CREDENTIALS.toString()).isEqualTo("ApiCredentials[key=***, secret=***]");
    }

    @Test
    void givenAnExpiredApiKeySession_whenRefreshed_thenANewSessionWithTheSameCredentials() {
        store.save(Session.issue(
                Sessions.token("11111111111111111111111111111111"),
                Sessions.profile("DV99999"),
                NOW.minus(Duration.ofDays(2)),
                LoginMethod.API_KEY));
        samco.onSessionToken((key, secret) -> Fixtures.grant("DV99999", TOKEN));
        var renewed = refresh.refresh(new RefreshSessionCommand(Option.none(), Option.some(CREDENTIALS)));
        assertThat(renewed.get().token().value()).isEqualTo(TOKEN);
        assertThat(renewed.get().isValidAt(NOW)).isTrue();
    }

    @Test
    void givenAnApiKeySessionButNoCredentials_whenRefreshed_thenInvalidInputAndNothingSent() {
        store.save(Session.issue(Sessions.token(TOKEN), Sessions.profile("DV99999"), NOW, LoginMethod.API_KEY));
        assertThat(refresh.refresh(new RefreshSessionCommand(Option.some(DV), Option.none())))
                .isEqualTo(Either.left(new AuthError.InvalidInput(new DomainError.Blank("API key"))));
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenALoginCodeSession_whenRefreshed_thenNotRenewableAndNothingSent() {
        store.save(Sessions.session("DV99999", TOKEN));
        var result = refresh.refresh(new RefreshSessionCommand(Option.some(DV), Option.some(CREDENTIALS)));
        assertThat(result).isEqualTo(Either.left(new AuthError.NotRenewable(DV, LoginMethod.LOGIN_CODE)));
        assertThat(result.getLeft().message()).contains("someone must log in again");
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenNoOrSeveralSessions_whenRefreshedWithoutAccount_thenNoSessionOrAccountRequired() {
        assertThat(refresh.refresh(new RefreshSessionCommand(Option.none(), Option.some(CREDENTIALS))))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.none())));
        store.save(Sessions.session("DV99999", TOKEN));
        store.save(Sessions.session("RM3XXXXX", TOKEN));
        assertThat(refresh.refresh(new RefreshSessionCommand(Option.none(), Option.some(CREDENTIALS)))
                        .getLeft())
                .isInstanceOf(AuthError.AccountRequired.class);
        assertThat(refresh.refresh(new RefreshSessionCommand(Option.some(new AccountId("AB123")), Option.none())))
                .isEqualTo(Either.left(new AuthError.NoSession(Option.some(new AccountId("AB123")))));
    }

    @Test
    void givenAValidSession_whenWhoAmI_thenSamcoAskedWithItsToken() {
        store.save(Sessions.session("DV99999", TOKEN, NOW));
        var whoAmI = new WhoAmI(
                "203.0.113.7",
                Option.some("203.0.113.7"),
                Option.none(),
                true,
                Option.some("PRIMARY"),
                ScriptedSamcoApi.OK);
        samco.onWhoami(token ->
                token.value().equals(TOKEN) ? Either.right(whoAmI) : Either.left(new AuthError.Unavailable("x")));
        assertThat(new WhoAmIService(samco, store, CLOCK).whoami(CurrentSessionCommand.anyAccount()))
                .isEqualTo(Either.right(new AccountWhoAmI(DV, whoAmI)));
    }

    @Test
    void givenAValidSession_whenCodeMinted_thenTheCodeReturnedAndAuditedWithoutIt() {
        store.save(Sessions.session("DV99999", TOKEN, NOW));
        var minted = new MintedCode(Otp.of("QOHG6854").get(), Duration.ofSeconds(120), ScriptedSamcoApi.OK);
        samco.onWebSecretCode(token -> Either.right(minted));
        assertThat(new MintLoginCodeService(samco, store, audit, CLOCK).mint(CurrentSessionCommand.forAccount(DV)))
                .isEqualTo(Either.right(new AccountLoginCode(DV, minted)));
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.CODE_MINTED);
        assertThat(audit.events().toString()).doesNotContain("QOHG6854");
        assertThat(minted.toString()).doesNotContain("QOHG6854");
    }

    @Test
    void givenNoValidSession_whenWhoAmIOrMint_thenNoSessionAndNothingSent() {
        assertThat(new WhoAmIService(samco, store, CLOCK)
                        .whoami(CurrentSessionCommand.anyAccount())
                        .getLeft())
                .isInstanceOf(AuthError.NoSession.class);
        assertThat(new MintLoginCodeService(samco, store, audit, CLOCK)
                        .mint(CurrentSessionCommand.anyAccount())
                        .getLeft())
                .isInstanceOf(AuthError.NoSession.class);
        assertThat(samco.calls()).isEmpty();
    }
}
