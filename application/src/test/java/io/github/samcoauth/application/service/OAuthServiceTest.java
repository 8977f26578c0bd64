package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LogoutCommand;
import io.github.samcoauth.application.port.in.LogoutResult;
import io.github.samcoauth.application.port.in.OAuthCallback;
import io.github.samcoauth.application.port.in.OAuthStart;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The OAuth 2.1 flow with the ports faked: state, single exchange, rotation, revocation. */
class OAuthServiceTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final String ACCESS = "f4b8ec1dcc1e9486f723cb5fcba16859";
    private static final String REDIRECT = "http://127.0.0.1:8765/callback";

    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final OAuthLoginService oauth = new OAuthLoginService(samco, store, audit, CLOCK);
    private final RefreshSessionService refresh =
            new RefreshSessionService(samco, store, audit, CLOCK, new ApiKeyLoginService(samco, store, audit, CLOCK));

    private static Either<AuthError, OAuthGrant> grant(String access, String refreshToken) {
        return Either.right(new OAuthGrant(
                Sessions.token(access),
                Sessions.profile("DV99999"),
                Duration.ofSeconds(86_400),
                RefreshToken.of(refreshToken).get(),
                Duration.ofSeconds(604_800),
                ScriptedSamcoApi.OK));
    }

    private static OAuthCallback callback(String state, String code) {
        return new OAuthCallback(Option.of(state), Option.of(code), Option.none(), Option.none());
    }

    private OAuthStart started() {
        return oauth.start("U2FsdGVkX1-key", REDIRECT).get();
    }

    @Test
    void givenTwoStarts_whenCompared_thenEachHasItsOwnFreshStateAndPkceVerifier() {
        var first = started();
        var second = started();
        assertThat(first.state()).isNotEqualTo(second.state());
        assertThat(first.verifier()).isNotEqualTo(second.verifier());
        assertThat(first.verifier().value()).hasSize(43);
        assertThat(first.authorizeUrl())
                .contains("state=" + first.state().value())
                .contains("code_challenge=" + first.verifier().challenge())
                .endsWith("code_challenge_method=S256")
                .doesNotContain(first.verifier().value());
        assertThat(first.toString())
                .doesNotContain(first.state().value())
                .doesNotContain(first.verifier().value());
        assertThat(oauth.start(" ", REDIRECT).getLeft().code()).isEqualTo("invalid-input");
    }

    @Test
    void givenTheRightStateAndACode_whenFinished_thenExchangedOnceAndAnOAuthSessionWithItsRefreshTokenStored() {
        samco.onExchangeCode(code -> grant(ACCESS, "refresh-token-0001"));
        var start = started();
        var session = oauth.finish(start, callback(start.state().value(), "AUTHCODE123"))
                .get();
        assertThat(session.method()).isEqualTo(LoginMethod.OAUTH);
        assertThat(session.refresh().get().token().value()).isEqualTo("refresh-token-0001");
        assertThat(session.refresh().get().expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(store.find(DV)).isEqualTo(Either.right(Option.some(session)));
        assertThat(samco.calls()).containsExactly("exchangeCode");
        assertThat(samco.verifiers())
                .as("the exchange carries this login's own verifier")
                .containsExactly(start.verifier());
        assertThat(audit.events().toString()).doesNotContain("AUTHCODE123").doesNotContain("refresh-token-0001");
    }

    @Test
    void givenAForeignOrMissingState_whenFinished_thenRefusedAndTheCodeNeverSent() {
        var start = started();
        var state = start.state().value();
        var foreign = (state.charAt(0) == 'A' ? "B" : "A") + state.substring(1); // differs in one place only
        assertThat(oauth.finish(start, callback(foreign, "AUTHCODE123")).getLeft())
                .isInstanceOf(AuthError.InvalidInput.class);
        assertThat(oauth.finish(start, callback(null, "AUTHCODE123")).getLeft().message())
                .contains("not the answer to this login");
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenTheUserDenied_whenFinished_thenRejectedWithTheConsentPagesWordsAndNothingSent() {
        var start = started();
        var denied = oauth.finish(
                start,
                new OAuthCallback(
                        Option.some(start.state().value()),
                        Option.none(),
                        Option.some("access_denied"),
                        Option.some("The user denied access")));
        assertThat(denied.getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(((AuthError.Rejected) denied.getLeft()).errorCode()).isEqualTo(Option.some("access_denied"));
        assertThat(denied.getLeft().message()).contains("The user denied access");
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenACodeUsedTwice_whenSamcoSaysEOAUTH012_thenTheLocalOAuthSessionsRemovedAndSaidSo() {
        store.save(io.github.samcoauth.domain.Session.issueOAuth(
                Sessions.token(ACCESS),
                Sessions.profile("DV99999"),
                NOW,
                NOW.plus(Duration.ofDays(1)),
                new io.github.samcoauth.domain.RefreshGrant(
                        RefreshToken.of("refresh-token-0001").get(), NOW.plus(Duration.ofDays(7)))));
        store.save(Sessions.session("RM3XXXXX", ACCESS, NOW));
        samco.onExchangeCode(code -> Either.left(new AuthError.Rejected(
                "Failure",
                List.of("Authorization code already used"),
                Option.some("EOAUTH012"),
                Option.none(),
                Option.none(),
                400)));
        var start = started();
        var error = oauth.finish(start, callback(start.state().value(), "AUTHCODE123"))
                .getLeft();
        assertThat(error.message()).contains("EOAUTH012").contains("the local OAuth sessions of DV99999 were removed");
        assertThat(store.find(DV)).isEqualTo(Either.right(Option.none()));
        assertThat(store.find(new AccountId("RM3XXXXX")).get().isDefined()).isTrue();
    }

    @Test
    void givenAnOAuthSession_whenRefreshed_thenRotatedOnceAndTheNewRefreshTokenStoredWithTheNewSession() {
        samco.onExchangeCode(code -> grant(ACCESS, "refresh-token-0001"));
        var start = started();
        oauth.finish(start, callback(start.state().value(), "AUTHCODE123"));
        samco.onRefreshToken(token -> token.value().equals("refresh-token-0001")
                ? grant("22222222222222222222222222222222", "refresh-token-0002")
                : Either.left(new AuthError.Rejected(
                        "Failure", List.of("reused"), Option.some("EOAUTH013"), Option.none(), Option.none(), 400)));
        var renewed = refresh.refresh(new RefreshSessionCommand(Option.none(), Option.none()))
                .get();
        assertThat(renewed.refresh().get().token().value()).isEqualTo("refresh-token-0002");
        assertThat(store.find(DV).get().get()).isEqualTo(renewed);
        assertThat(samco.calls()).containsExactly("exchangeCode", "refreshToken");
    }

    @Test
    void givenAnOAuthSession_whenLoggedOut_thenRevokedNotLoggedOut() {
        samco.onExchangeCode(code -> grant(ACCESS, "refresh-token-0001"));
        var start = started();
        oauth.finish(start, callback(start.state().value(), "AUTHCODE123"));
        var result = new LogoutService(samco, store, audit, CLOCK)
                .logout(new LogoutCommand(Option.none()))
                .get();
        assertThat(result.remote()).isInstanceOf(LogoutResult.Remote.LoggedOut.class);
        assertThat(samco.calls()).containsExactly("exchangeCode", "revoke");
        assertThat(store.find(DV)).isEqualTo(Either.right(Option.none()));
    }
}
