package io.github.samcoauth.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.ApiSecret;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /session/token}, {@code GET /ip/whoami} and {@code GET /webSecretCode} on a stub of Samco. */
class CurrentFlowsAdapterTest {

    /** RFC 7636 appendix B: this verifier's S256 challenge is E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM. */
    private static final io.github.samcoauth.domain.PkceVerifier VERIFIER = io.github.samcoauth.domain.PkceVerifier.of(
                    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
            .get();

    @RegisterExtension
    static WireMockExtension samco = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final ApiKey KEY = ApiKey.of("U2FsdGVkX1+encrypted/key==").get();
    private static final ApiSecret SECRET =
            ApiSecret.of("U2FsdGVkX1+encrypted/secret==").get();
    private static final SessionToken TOKEN =
            SessionToken.of("f4b8ec1dcc1e9486f723cb5fcba16859").get();

    private static FeignSamcoApiAdapter adapter() {
        return new FeignSamcoApiAdapter(Samples.config(samco.baseUrl()).build().get());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Test
    void givenTheDocumentedSample_whenSessionToken_thenAGrantForTheAccountAndTheKeyAndSecretSentAsGiven() {
        samco.stubFor(post("/session/token").willReturn(json(200, Samples.read("session-token-success.json"))));
        var grant = adapter().sessionToken(KEY, SECRET).get();
        assertThat(grant.profile().accountId().value()).isEqualTo("DV99999");
        assertThat(grant.token().value()).startsWith("eyJ");
        assertThat(grant.reply().msgId()).isEqualTo(Option.some("5c1f0e1a-8d0b-4a7e-9f3c-2b6d8e4a1c90"));
        samco.verify(
                postRequestedFor(urlEqualTo("/session/token"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"apiKey\":\"U2FsdGVkX1+encrypted/key==\",\"apiSecret\":\"U2FsdGVkX1+encrypted/secret==\"}")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "400|{\"status\":\"Failure\",\"statusMessage\":\"apiKey and apiSecret are required\"}|",
                "401|{\"status\":\"Failure\",\"statusMessage\":\"Invalid API key\",\"errorCode\":\"EOAUTH001\"}|EOAUTH001",
                "401|{\"status\":\"Failure\",\"statusMessage\":\"Invalid or inactive API key\",\"errorCode\":\"EOAUTH001\"}|EOAUTH001",
                "401|{\"status\":\"Failure\",\"statusMessage\":\"Invalid API secret format\",\"errorCode\":\"EOAUTH008\"}|EOAUTH008",
                "403|{\"status\":\"Failure\",\"statusMessage\":\"User account is blocked\"}|",
                "401|{\"status\":\"Failure\",\"statusMessage\":\"Unable to start your trading session\"}|",
                "200|{\"status\":\"Failure\",\"statusMessage\":\"Invalid API key\",\"errorCode\":\"EOAUTH001\",\"unknown\":[1]}|EOAUTH001"
            })
    void givenEachDocumentedFailure_whenSessionToken_thenRejectedWithSamcosWordsAndCode(
            int status, String body, String errorCode) {
        samco.stubFor(post("/session/token").willReturn(json(status, body)));
        var error = (AuthError.Rejected) adapter().sessionToken(KEY, SECRET).getLeft();
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.errorCode()).isEqualTo(Option.of(errorCode));
        assertThat(error.messages()).hasSize(1);
        assertThat(error.message()).doesNotContain("U2FsdGVkX1");
        samco.verify(1, postRequestedFor(urlEqualTo("/session/token")));
    }

    @Test
    void givenSamcoSlowerThanTheTimeout_whenSessionToken_thenUnavailableAndSentOnce() {
        samco.stubFor(post("/session/token")
                .willReturn(
                        json(200, Samples.read("session-token-success.json")).withFixedDelay(2500)));
        var error = adapter().sessionToken(KEY, SECRET).getLeft();
        assertThat(error).isInstanceOf(AuthError.Unavailable.class);
        Samples.awaitDelayedAnswers(samco::getAllServeEvents, Duration.ofMillis(2500));
        samco.verify(1, postRequestedFor(urlEqualTo("/session/token")));
    }

    @Test
    void givenTheDocumentedSample_whenWhoAmI_thenTheIpsWithEmptyOnesAsNone() {
        samco.stubFor(get("/ip/whoami").willReturn(json(200, Samples.read("whoami-success.json"))));
        var whoAmI = adapter().whoami(TOKEN).get();
        assertThat(whoAmI.srcIp()).isEqualTo("203.0.113.7");
        assertThat(whoAmI.primaryIp()).isEqualTo(Option.some("203.0.113.7"));
        assertThat(whoAmI.secondaryIp()).isEqualTo(Option.none());
        assertThat(whoAmI.matches()).isTrue();
        assertThat(whoAmI.matchedAs()).isEqualTo(Option.some("PRIMARY"));
        samco.verify(getRequestedFor(urlEqualTo("/ip/whoami")).withHeader("x-session-token", equalTo(TOKEN.value())));
    }

    @Test
    void givenAnUnmatchedIp_whenWhoAmI_thenMatchesFalseAndMatchedAsNone() {
        samco.stubFor(get("/ip/whoami")
                .willReturn(json(
                        200,
                        "{\"status\":\"Success\",\"srcIp\":\"198.51.100.9\",\"primaryIp\":\"\",\"secondaryIp\":\"\","
                                + "\"matches\":false,\"matchedAs\":null}")));
        var whoAmI = adapter().whoami(TOKEN).get();
        assertThat(whoAmI.matches()).isFalse();
        assertThat(whoAmI.matchedAs()).isEqualTo(Option.none());
        assertThat(whoAmI.primaryIp()).isEqualTo(Option.none());
    }

    @Test
    void givenAnUnknownToken_whenWhoAmIOrCode_thenRejected401() {
        samco.stubFor(get("/ip/whoami").willReturn(json(401, Samples.read("unauthorized.json"))));
        samco.stubFor(get("/webSecretCode").willReturn(json(401, Samples.read("unauthorized.json"))));
        assertThat(((AuthError.Rejected) adapter().whoami(TOKEN).getLeft()).httpStatus())
                .isEqualTo(401);
        assertThat(((AuthError.Rejected) adapter().webSecretCode(TOKEN).getLeft()).httpStatus())
                .isEqualTo(401);
    }

    @Test
    void givenTheDocumentedSample_whenCodeMinted_thenTheCodeAndItsLifetime() {
        samco.stubFor(get("/webSecretCode").willReturn(json(200, Samples.read("web-secret-code-success.json"))));
        var minted = adapter().webSecretCode(TOKEN).get();
        assertThat(minted.code().value()).isEqualTo("QOHG6854");
        assertThat(minted.expiresIn()).isEqualTo(Duration.ofSeconds(120));
        samco.verify(
                getRequestedFor(urlEqualTo("/webSecretCode")).withHeader("x-session-token", equalTo(TOKEN.value())));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"status\":\"Success\"}",
                "{\"status\":\"Success\",\"data\":{\"OTP\":\"QOHG6854\"}}",
                "{\"status\":\"Success\",\"data\":{\"OTP\":\"QO HG\",\"timeRemainingInSeconds\":120}}",
                "{\"status\":\"Success\",\"data\":{\"OTP\":\"QOHG6854\",\"timeRemainingInSeconds\":-1}}",
                "{\"status\":\"Success\",\"data\":\"QOHG6854\"}"
            })
    void givenCodeAnswersThatAreNotWhatSamcoDocuments_whenMinted_thenUnexpectedResponse(String body) {
        samco.stubFor(get("/webSecretCode").willReturn(json(200, body)));
        assertThat(adapter().webSecretCode(TOKEN).getLeft()).isInstanceOf(AuthError.UnexpectedResponse.class);
    }

    @Test
    void givenAWhoAmIWithoutSrcIp_whenAsked_thenUnexpectedResponse() {
        samco.stubFor(get("/ip/whoami").willReturn(json(200, "{\"status\":\"Success\",\"srcIp\":\"\"}")));
        assertThat(adapter().whoami(TOKEN).getLeft()).isInstanceOf(AuthError.UnexpectedResponse.class);
    }

    @Test
    void givenTheDocumentedSample_whenACodeIsExchanged_thenTheDataWrappedGrantAndTheGrantSentAsDocumented() {
        samco.stubFor(post("/oauth/token").willReturn(json(200, Samples.read("oauth-token-success.json"))));
        var grant = adapter()
                .exchangeCode(
                        io.github.samcoauth.domain.AuthorizationCode.of("auth-code-0001")
                                .get(),
                        VERIFIER)
                .get();
        assertThat(grant.profile().accountId().value()).isEqualTo("DV99999");
        assertThat(grant.refreshToken().value()).isEqualTo("rt_4f9a1c7e2b8d4e6f9a0b1c2d3e4f5a6b");
        assertThat(grant.expiresIn()).isEqualTo(Duration.ofDays(1));
        assertThat(grant.refreshExpiresIn()).isEqualTo(Duration.ofDays(7));
        assertThat(grant.toString()).doesNotContain("rt_4f9a");
        samco.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(equalToJson("{\"grant_type\":\"authorization_code\",\"code\":\"auth-code-0001\","
                        + "\"code_verifier\":\"" + VERIFIER.value() + "\"}")));
        adapter()
                .refreshToken(io.github.samcoauth.domain.RefreshToken.of("rt_old_refresh_token")
                        .get());
        samco.verify(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(
                        equalToJson("{\"grant_type\":\"refresh_token\",\"refresh_token\":\"rt_old_refresh_token\"}")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EOAUTH010",
                "EOAUTH011",
                "EOAUTH012",
                "EOAUTH013",
                "EOAUTH015",
                "EOAUTH016",
                "EOAUTH017",
                "EOAUTH030",
                "EOAUTH999"
            })
    void givenEachOAuthError_whenExchanged_thenRejectedWithTheCodeAndMessageOnce(String code) {
        samco.stubFor(post("/oauth/token")
                .willReturn(json(400, Samples.read("oauth-error.json").replace("EOAUTH012", code))));
        var error = (AuthError.Rejected) adapter()
                .exchangeCode(
                        io.github.samcoauth.domain.AuthorizationCode.of("auth-code-0001")
                                .get(),
                        VERIFIER)
                .getLeft();
        assertThat(error.errorCode()).isEqualTo(Option.some(code));
        assertThat(error.messages())
                .containsExactly(
                        "Authorization code has already been used; all tokens of this app and user were revoked");
        samco.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"status\":\"Success\"}",
                "{\"status\":\"Success\",\"data\":{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.e30.c2ln\",\"expires_in\":86400}}",
                "{\"status\":\"Success\",\"data\":{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.e30.c2ln\",\"refresh_token\":\"rt_12345678\",\"expires_in\":-5,\"refresh_token_expires_in\":604800,\"accountID\":\"DV99999\"}}"
            })
    void givenTokenAnswersThatAreNotWhatSamcoDocuments_whenExchanged_thenUnexpectedResponse(String body) {
        samco.stubFor(post("/oauth/token").willReturn(json(200, body)));
        assertThat(adapter()
                        .exchangeCode(
                                io.github.samcoauth.domain.AuthorizationCode.of("auth-code-0001")
                                        .get(),
                                VERIFIER)
                        .getLeft())
                .isInstanceOf(AuthError.UnexpectedResponse.class);
    }

    @Test
    void givenTheDocumentedAnswer_whenRevoked_thenSuccessWithSamcosMessageAndTheTokenSentAsDocumented() {
        samco.stubFor(post("/oauth/revoke").willReturn(json(200, Samples.read("oauth-revoke-success.json"))));
        assertThat(adapter().revoke(TOKEN).get().statusMessage()).isEqualTo("Token revoked successfully");
        samco.verify(postRequestedFor(urlEqualTo("/oauth/revoke"))
                .withRequestBody(equalToJson("{\"token\":\"" + TOKEN.value() + "\",\"token_type\":\"access_token\"}")));
    }

    @Test
    void givenRedirectUrls_whenTheAuthorizeUrlIsMade_thenHttpsOrLoopbackOnlyAndEverythingEncoded() {
        var state = io.github.samcoauth.domain.OAuthState.of("abcdefghijklmnopqrstuvwxyz_-0123")
                .get();
        var url = adapter()
                .authorizeUrl(KEY, "http://127.0.0.1:8765/callback", state, VERIFIER)
                .get();
        assertThat(url)
                .isEqualTo(samco.baseUrl() + "/app/oauth/authorize?api_key=U2FsdGVkX1%2Bencrypted%2Fkey%3D%3D"
                        + "&redirect_url=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&state=abcdefghijklmnopqrstuvwxyz_-0123"
                        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        assertThat(adapter().authorizeUrl(KEY, "https://desk.example/cb", state, VERIFIER))
                .isRight();
        assertThat(adapter()
                        .authorizeUrl(KEY, "http://desk.example/cb", state, VERIFIER)
                        .getLeft()
                        .code())
                .isEqualTo("invalid-input");
        assertThat(adapter()
                        .authorizeUrl(KEY, "javascript:alert(1)", state, VERIFIER)
                        .getLeft()
                        .code())
                .isEqualTo("invalid-input");
        assertThat(adapter().authorizeUrl(KEY, null, state, VERIFIER).getLeft().code())
                .isEqualTo("invalid-input");
    }
}
