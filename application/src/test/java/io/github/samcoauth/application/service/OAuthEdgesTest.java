package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.OAuthCallback;
import io.github.samcoauth.application.port.in.OAuthStart;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.MintedCode;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.OAuthState;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.RefreshGrant;
import io.github.samcoauth.domain.RefreshToken;
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

/** The edges of the current flows: what is refused before sending, what is recorded after a refusal. */
class OAuthEdgesTest {

    private static final String ACCESS = "f4b8ec1dcc1e9486f723cb5fcba16859";
    private static final AuthError.Rejected REFUSED = new AuthError.Rejected(
            "Failure", List.of("no"), Option.some("EOAUTH011"), Option.some("m-9"), Option.none(), 400);
    private static final AuthError.StorageFailure NOT_WRITABLE =
            new AuthError.StorageFailure("is a file, not a directory", Option.none());

    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final RecordingAuditLog audit = new RecordingAuditLog();

    private static Session oauthSession(Duration refreshLeft) {
        return Session.issueOAuth(
                Sessions.token(ACCESS),
                Sessions.profile("DV99999"),
                NOW,
                NOW.plus(Duration.ofHours(1)),
                new RefreshGrant(RefreshToken.of("rt_0123456789abcdef").get(), NOW.plus(refreshLeft)));
    }

    private RefreshSessionService refresh(io.github.samcoauth.application.port.out.SessionStorePort on) {
        return new RefreshSessionService(samco, on, audit, CLOCK, new ApiKeyLoginService(samco, on, audit, CLOCK));
    }

    private static OAuthStart start() {
        return new OAuthStart(
                "https://samco.example/app/oauth/authorize",
                "http://127.0.0.1:1/cb",
                OAuthState.of("state-of-this-login-0001").get(),
                io.github.samcoauth.domain.PkceVerifier.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                        .get());
    }

    private static OAuthCallback callback(String code) {
        return new OAuthCallback(
                Option.some("state-of-this-login-0001"), Option.of(code), Option.none(), Option.none());
    }

    @Test
    void givenAnOAuthSessionWhoseRefreshTokenExpired_whenRefreshed_thenNotRenewableAndNothingSent() {
        store.save(oauthSession(Duration.ofSeconds(1))); // its refresh token ends a second after issue
        var expired = new RefreshSessionService(
                samco,
                store,
                audit,
                java.time.Clock.offset(CLOCK, Duration.ofSeconds(2)),
                new ApiKeyLoginService(samco, store, audit, CLOCK));
        assertThat(expired.refresh(new RefreshSessionCommand(Option.none(), Option.none())))
                .isEqualTo(Either.left(new AuthError.NotRenewable(new AccountId("DV99999"), LoginMethod.OAUTH)));
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenAStoreThatCannotBeWritten_whenAnOAuthSessionIsRefreshed_thenTheRefreshTokenIsNotSpent() {
        var broken = FailingStore.notWritable(NOT_WRITABLE);
        var stored = new InMemorySessionStore();
        stored.save(oauthSession(Duration.ofDays(7)));
        var readsStored = new io.github.samcoauth.application.port.out.SessionStorePort() {
            @Override
            public Either<AuthError, Session> save(Session session) {
                return broken.save(session);
            }

            @Override
            public Either<AuthError, Option<Session>> find(AccountId account) {
                return stored.find(account);
            }

            @Override
            public Either<AuthError, io.vavr.collection.List<Session>> findAll() {
                return stored.findAll();
            }

            @Override
            public Either<AuthError, Boolean> delete(AccountId account) {
                return broken.delete(account);
            }

            @Override
            public Either<AuthError, Boolean> checkWritable() {
                return broken.checkWritable();
            }
        };
        assertThat(refresh(readsStored).refresh(new RefreshSessionCommand(Option.none(), Option.none())))
                .isEqualTo(Either.left(NOT_WRITABLE));
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenSamcoRefusesTheRefreshToken_whenRefreshed_thenTheRefusalReturnedAndRecorded() {
        store.save(oauthSession(Duration.ofDays(7)));
        samco.onRefreshToken(token -> Either.left(REFUSED));
        assertThat(refresh(store).refresh(new RefreshSessionCommand(Option.none(), Option.none())))
                .isEqualTo(Either.left(REFUSED));
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.LOGIN_REJECTED);
    }

    @Test
    void givenACallbackWithoutAUsableCodeOrAStoreThatCannotBeWritten_whenFinished_thenRefusedBeforeSending() {
        var oauth = new OAuthLoginService(samco, store, audit, CLOCK);
        assertThat(oauth.finish(start(), callback("x")).getLeft()).isInstanceOf(AuthError.InvalidInput.class);
        assertThat(oauth.finish(start(), callback(null)).getLeft()).isInstanceOf(AuthError.InvalidInput.class);
        assertThat(new OAuthLoginService(samco, FailingStore.notWritable(NOT_WRITABLE), audit, CLOCK)
                        .finish(start(), callback("auth-code-0001")))
                .isEqualTo(Either.left(NOT_WRITABLE));
        assertThat(samco.calls()).isEmpty();
    }

    @Test
    void givenOtherRefusalsOfACode_whenFinished_thenReturnedAsSamcoSaidItAndRecorded() {
        store.save(oauthSession(Duration.ofDays(7)));
        samco.onExchangeCode(code -> Either.left(REFUSED));
        var oauth = new OAuthLoginService(samco, store, audit, CLOCK);
        assertThat(oauth.finish(start(), callback("auth-code-0001"))).isEqualTo(Either.left(REFUSED));
        assertThat(store.find(new AccountId("DV99999")).get().isDefined())
                .as("kept: only EOAUTH012 kills")
                .isTrue();
        assertThat(audit.events()).extracting(AuditEvent::type).containsExactly(AuditEvent.Type.LOGIN_REJECTED);
        samco.onExchangeCode(code -> Either.left(new AuthError.Unavailable("timeout")));
        assertThat(oauth.finish(start(), callback("auth-code-0002")).getLeft())
                .isInstanceOf(AuthError.Unavailable.class);
        assertThat(audit.events()).extracting(AuditEvent::type).endsWith(AuditEvent.Type.LOGIN_FAILED);
    }

    @Test
    void givenACodeReusedWithNoOAuthSessionHere_whenFinished_thenSaidThatNoneWasLeft() {
        samco.onExchangeCode(code -> Either.left(new AuthError.Rejected(
                "Failure", List.of("used"), Option.some("EOAUTH012"), Option.none(), Option.none(), 400)));
        var error = new OAuthLoginService(samco, store, audit, CLOCK)
                .finish(start(), callback("auth-code-0001"))
                .getLeft();
        assertThat(((AuthError.Rejected) error).messages().last())
                .contains("no local OAuth session was left to remove");
    }

    @Test
    void givenRefusedApiKeyLoginsAndCodes_whenAsked_thenRecorded() {
        samco.onSessionToken((key, secret) -> Either.left(REFUSED));
        new ApiKeyLoginService(samco, store, audit, CLOCK)
                .login(ApiCredentials.of("U2FsdGVkX1-key", "U2FsdGVkX1-secret").get());
        store.save(Sessions.session("DV99999", ACCESS, NOW));
        samco.onWebSecretCode(token -> Either.left(REFUSED));
        new MintLoginCodeService(samco, store, audit, CLOCK).mint(CurrentSessionCommand.anyAccount());
        assertThat(audit.events())
                .extracting(AuditEvent::type)
                .containsExactly(AuditEvent.Type.LOGIN_REJECTED, AuditEvent.Type.CODE_MINTED);
        assertThat(audit.events().get(1).outcome()).isEqualTo("rejected");
    }

    @Test
    void givenTheNewValues_whenPrinted_thenNoSecretAndStableCodes() {
        assertThat(new AuthError.NotRenewable(new AccountId("DV99999"), LoginMethod.LOGIN_CODE).code())
                .isEqualTo("not-renewable");
        assertThat(start().toString())
                .isEqualTo("OAuthStart[redirectUrl=http://127.0.0.1:1/cb, state=***, verifier=***]");
        assertThat(callback("auth-code-0001").toString()).isEqualTo("OAuthCallback[state=***, code=***, error=]");
        assertThat(new MintedCode(Otp.of("QOHG6854").get(), Duration.ofSeconds(120), ScriptedSamcoApi.OK).toString())
                .isEqualTo("MintedCode[code=***, expiresIn=PT2M]");
        assertThat(new OAuthGrant(
                                Sessions.token(ACCESS),
                                Sessions.profile("DV99999"),
                                Duration.ofDays(1),
                                RefreshToken.of("rt_0123456789abcdef").get(),
                                Duration.ofDays(7),
                                ScriptedSamcoApi.OK)
                        .toString())
                .isEqualTo("OAuthGrant[account=DV99999, accessToken=***, refreshToken=***]");
        assertThat(ApiCredentials.of("U2FsdGVkX1-key", "U2FsdGVkX1-secret")
                        .get()
                        .key()
                        .value())
                .isEqualTo("U2FsdGVkX1-key");
    }

    @Test
    void givenASaveThatFailsWithoutAStorageFailure_whenLoggingIn_thenTheFailureStillExplainedWithNoPath() {
        samco.onLogin(code -> Fixtures.grant("RM3XXXXX", ACCESS));
        var result = new LoginService(
                        samco, new FailingStore(new AuthError.Unavailable("the store's server is down")), audit, CLOCK)
                .login(io.github.samcoauth.application.port.in.LoginCommand.of("NUWL3586")
                        .get());
        var failure = (AuthError.StorageFailure) result.getLeft();
        assertThat(failure.reason()).contains("the store's server is down");
        assertThat(failure.path()).isEqualTo(Option.none());
    }
}
