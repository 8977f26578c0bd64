package io.github.samcoauth.bootstrap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.adapter.http.FeignSamcoApiAdapter;
import io.github.samcoauth.adapter.http.SamcoHttpConfig;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.github.samcoauth.testkit.JumpingClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox behaves as Samco documents, seen through the real HTTP adapter. */
class SandboxServerTest {

    private final JumpingClock clock = JumpingClock.frozen(Instant.parse("2025-01-13T04:40:40Z"));
    private SandboxServer sandbox;
    private FeignSamcoApiAdapter samco;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.builder()
                .clock(clock)
                .codeTtl(Duration.ofSeconds(120))
                .start();
        samco = new FeignSamcoApiAdapter(
                SamcoHttpConfig.builder().baseUrl(sandbox.url()).build().get());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Otp otpFor(String uid) throws InterruptedException {
        return Otp.of(sandbox.awaitOtp(uid, Duration.ofSeconds(5)).orElseThrow().code())
                .get();
    }

    @Test
    void givenKnownUid_whenOtpRequestedAndRedeemed_thenSessionForThatAccount() throws Exception {
        var reply = samco.generateOtp(Uid.of("DV99999").get());
        assertThat(reply.get().statusMessage()).isEqualTo("OTP sent to your mobile and email.");
        assertThat(reply.get().msgId().isDefined()).isTrue();
        assertThat(reply.get().serverTime().raw()).isEqualTo("13/01/25 10:10:40");
        var grant = samco.validateLoginCode(otpFor("DV99999")).get();
        assertThat(grant.profile().accountId().value()).isEqualTo("DV99999");
        assertThat(grant.profile().accountName()).isEqualTo("DEMO TRADER");
        assertThat(grant.token().value()).matches("[0-9a-f]{32}");
        assertThat(sandbox.liveSessions()).isEqualTo(1);
    }

    @Test
    void givenUnknownUid_whenOtpRequested_thenDocumentedFailureAndNothingDelivered() throws Exception {
        var error =
                (AuthError.Rejected) samco.generateOtp(Uid.of("ZZ12345").get()).getLeft();
        assertThat(error.messages().head()).isEqualTo("Failed to genererate otp for user");
        assertThat(sandbox.awaitOtp("ZZ12345", Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void givenCodeUsedOnce_whenUsedAgain_thenRejected() throws Exception {
        samco.generateOtp(Uid.of("DV99999").get());
        var code = otpFor("DV99999");
        assertThat(samco.validateLoginCode(code)).isRight();
        var again = (AuthError.Rejected) samco.validateLoginCode(code).getLeft();
        assertThat(again.messages().head()).isEqualTo("Invalid OTP. Please enter valid OTP.");
    }

    @Test
    void givenCodeOlderThanItsLifetime_whenRedeemed_thenDocumentedExpiryFailure() throws Exception {
        samco.generateOtp(Uid.of("DV99999").get());
        var code = otpFor("DV99999");
        clock.advance(Duration.ofSeconds(120));
        var error = (AuthError.Rejected) samco.validateLoginCode(code).getLeft();
        assertThat(error.messages().head()).isEqualTo("OTP expired. Please enter valid OTP.");
        assertThat(error.msgId().isEmpty()).isTrue();
    }

    @Test
    void givenToken_whenLoggedOutTwice_thenSecondIsUnauthorized() throws Exception {
        samco.generateOtp(Uid.of("DV99999").get());
        var token = samco.validateLoginCode(otpFor("DV99999")).get().token();
        assertThat(samco.logout(token).get().statusMessage()).isEqualTo("Request successful");
        var again = (AuthError.Rejected) samco.logout(token).getLeft();
        assertThat(again.httpStatus()).isEqualTo(401);
        assertThat(samco.logout(SessionToken.of("00000000000000000000000000000000")
                                .get())
                        .getLeft()
                        .code())
                .isEqualTo("rejected");
        assertThat(sandbox.liveSessions()).isZero();
    }

    @Test
    void givenTwoLogins_whenTokensCompared_thenEachLoginHasItsOwn() throws Exception {
        samco.generateOtp(Uid.of("DV99999").get());
        var first = samco.validateLoginCode(otpFor("DV99999")).get().token();
        samco.generateOtp(Uid.of("RM3XXXXX").get());
        var second = samco.validateLoginCode(otpFor("RM3XXXXX")).get().token();
        assertThat(first).isNotEqualTo(second);
        assertThat(sandbox.liveSessions()).isEqualTo(2);
    }

    @Test
    void givenOddRequests_whenSent_thenJsonFailuresWithStatus() throws Exception {
        var http = HttpClient.newHttpClient();
        var notJson = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.url() + "/otp/generateOtp"))
                        .POST(HttpRequest.BodyPublishers.ofString("uid=DV99999"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"status\":\"Failure\"");
        var unknown = http.send(
                HttpRequest.newBuilder(URI.create(sandbox.url() + "/funds/limits"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(sandbox.requestCount()).isEqualTo(2);
    }

    @Test
    void givenDelivery_whenPrinted_thenCodeHidden() throws Exception {
        samco.generateOtp(Uid.of("DV99999").get());
        var delivery = sandbox.awaitOtp("DV99999", Duration.ofSeconds(5)).orElseThrow();
        assertThat(delivery.toString()).doesNotContain(delivery.code());
        assertThat(sandbox.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void givenTheSessionTokenEndpoint_whenAskedRightAndWrong_thenDocumentedAnswers() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(1);
        var key = io.github.samcoauth.domain.ApiKey.of(app.apiKey()).get();
        var grant = samco.sessionToken(
                        key,
                        io.github.samcoauth.domain.ApiSecret.of(app.apiSecret()).get())
                .get();
        assertThat(grant.profile().accountId().value()).isEqualTo("RM3XXXXX");
        assertThat(grant.token().value().split("\\.")).hasSize(3);
        assertThat(sandbox.loginCount("RM3XXXXX")).isEqualTo(1);
        var wrongSecret = (AuthError.Rejected) samco.sessionToken(
                        key,
                        io.github.samcoauth.domain.ApiSecret.of("wrong-secret").get())
                .getLeft();
        assertThat(wrongSecret.errorCode()).isEqualTo(io.vavr.control.Option.some("EOAUTH008"));
        var wrongKey = (AuthError.Rejected) samco.sessionToken(
                        io.github.samcoauth.domain.ApiKey.of("no-such-api-key").get(),
                        io.github.samcoauth.domain.ApiSecret.of(app.apiSecret()).get())
                .getLeft();
        assertThat(wrongKey.errorCode()).isEqualTo(io.vavr.control.Option.some("EOAUTH001"));
        assertThat(wrongKey.httpStatus()).isEqualTo(401);
        assertThat(sandbox.loginCount("RM3XXXXX")).isEqualTo(1);
    }

    @Test
    void givenTokensLiveExpiredAndRevoked_whenWhoAmIOrCode_thenOnlyLiveOnesAnswered() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var token = samco.sessionToken(
                        io.github.samcoauth.domain.ApiKey.of(app.apiKey()).get(),
                        io.github.samcoauth.domain.ApiSecret.of(app.apiSecret()).get())
                .get()
                .token();
        assertThat(samco.whoami(token).get().srcIp()).isEqualTo("127.0.0.1");
        var minted = samco.webSecretCode(token).get();
        assertThat(samco.validateLoginCode(minted.code())
                        .get()
                        .profile()
                        .accountId()
                        .value())
                .isEqualTo("DV99999");
        assertThat(((AuthError.Rejected) samco.whoami(
                                        SessionToken.of("never-issued-token").get())
                                .getLeft())
                        .httpStatus())
                .isEqualTo(401);
        clock.advance(Duration.ofDays(2));
        assertThat(samco.whoami(token).getLeft()).isInstanceOf(AuthError.Rejected.class);
    }

    /** A person on the consent page: GET it, post the decision, return where the browser is sent. */
    private static final io.github.samcoauth.domain.PkceVerifier VERIFIER = io.github.samcoauth.domain.PkceVerifier.of(
                    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
            .get();

    private String consent(String apiKey, String redirect, String decision) throws Exception {
        return consent(apiKey, redirect, decision, "");
    }

    /** The consent page answered as a browser would; {@code pkce} is appended to its query. */
    private String consent(String apiKey, String redirect, String decision, String pkce) throws Exception {
        var browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var page = browser.send(
                HttpRequest.newBuilder(
                                URI.create(sandbox.url() + "/app/oauth/authorize?api_key=" + apiKey + "&redirect_url="
                                        + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
                                        + "&state=state-of-this-login-0001" + pkce))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var nonce = java.util.regex.Pattern.compile("name=\"consent\" value=\"([^\"]+)\"")
                .matcher(page.body());
        if (!nonce.find()) {
            return "page " + page.statusCode() + ": " + page.body();
        }
        var posted = browser.send(
                HttpRequest.newBuilder(URI.create(sandbox.url() + "/app/oauth/authorize"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "consent=" + nonce.group(1) + "&decision=" + decision))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return posted.headers().firstValue("Location").orElse("no redirect");
    }

    private static io.github.samcoauth.domain.AuthorizationCode codeIn(String location) {
        var code = java.util.regex.Pattern.compile("code=([^&]+)").matcher(location);
        assertThat(code.find()).as(location).isTrue();
        return io.github.samcoauth.domain.AuthorizationCode.of(code.group(1)).get();
    }

    @Test
    void givenTheConsentPage_whenAllowedDeniedOrMisaddressed_thenRedirectedAsDocumentedOrRefused() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var allowed = consent(app.apiKey(), app.redirectUrl(), "allow");
        assertThat(allowed).startsWith(app.redirectUrl() + "?code=").endsWith("&state=state-of-this-login-0001");
        var denied = consent(app.apiKey(), app.redirectUrl(), "deny");
        assertThat(denied).startsWith(app.redirectUrl() + "?error=access_denied&errorMessage=");
        assertThat(consent(app.apiKey(), "http://127.0.0.1:9/elsewhere", "allow"))
                .as("never redirected to a URL the app did not register")
                .startsWith("page 400")
                .contains("invalid_request");
    }

    @Test
    void givenACodeExchangedTwice_whenTheSecondArrives_thenEOAUTH012AndEveryTokenOfTheAppAndUserDies()
            throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var code = codeIn(consent(app.apiKey(), app.redirectUrl(), "allow"));
        var grant = samco.exchangeCode(code, VERIFIER).get();
        assertThat(samco.whoami(grant.accessToken())).isRight();
        var again = (AuthError.Rejected) samco.exchangeCode(code, VERIFIER).getLeft();
        assertThat(again.errorCode()).isEqualTo(io.vavr.control.Option.some("EOAUTH012"));
        assertThat(samco.whoami(grant.accessToken()).getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(samco.refreshToken(grant.refreshToken()).getLeft()).isInstanceOf(AuthError.Rejected.class);
    }

    @Test
    void givenARotatedRefreshToken_whenUsedAgain_thenRefusedAndItsWholeFamilyRevoked() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var first = samco.exchangeCode(codeIn(consent(app.apiKey(), app.redirectUrl(), "allow")), VERIFIER)
                .get();
        var second = samco.refreshToken(first.refreshToken()).get();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(samco.whoami(second.accessToken())).isRight();
        var replay =
                (AuthError.Rejected) samco.refreshToken(first.refreshToken()).getLeft();
        assertThat(replay.errorCode()).isEqualTo(io.vavr.control.Option.some("EOAUTH013"));
        assertThat(samco.whoami(second.accessToken()).getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(samco.refreshToken(second.refreshToken()).getLeft()).isInstanceOf(AuthError.Rejected.class);
        assertThat(samco.revoke(second.accessToken()))
                .as("revocation is idempotent")
                .isRight();
    }

    @Test
    void givenAConsentWithAPkceChallenge_whenTheCodeIsExchanged_thenOnlyItsVerifierRedeemsIt() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var code = codeIn(consent(
                app.apiKey(),
                app.redirectUrl(),
                "allow",
                "&code_challenge=" + VERIFIER.challenge() + "&code_challenge_method=S256"));
        var other = io.github.samcoauth.domain.PkceVerifier.fresh(new java.security.SecureRandom());
        var stolen = (AuthError.Rejected) samco.exchangeCode(code, other).getLeft();
        assertThat(stolen.errorCode()).isEqualTo(io.vavr.control.Option.some("EOAUTH010"));
        assertThat(stolen.messages().mkString()).contains("code_verifier");
        var withoutVerifier = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.url() + "/oauth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"grant_type\":\"authorization_code\",\"code\":\"" + code.value() + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        assertThat(withoutVerifier.body()).contains("EOAUTH010");
        assertThat(sandbox.loginCount("DV99999"))
                .as("no session for a code without its verifier")
                .isZero();
        var grant = samco.exchangeCode(code, VERIFIER);
        assertThat(grant)
                .as("the code stays its client's: refusals did not burn it")
                .isRight();
        assertThat(grant.get().profile().accountId().value()).isEqualTo("DV99999");
    }

    @Test
    void givenAChallengeThatIsNotS256_whenTheConsentPageOpens_thenInvalidRequestAndNoRedirect() throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        assertThat(consent(app.apiKey(), app.redirectUrl(), "allow", "&code_challenge=" + VERIFIER.value()))
                .startsWith("page 400")
                .contains("code_challenge");
        assertThat(consent(
                        app.apiKey(),
                        app.redirectUrl(),
                        "allow",
                        "&code_challenge=" + VERIFIER.challenge() + "&code_challenge_method=plain"))
                .startsWith("page 400");
    }

    @Test
    void givenARegisteredStaticIpThatIsNotTheCallers_whenALoginIsSent_thenIpNotRegisteredAndNoSession()
            throws Exception {
        try (var strict = SandboxServer.builder().registeredIp("203.0.113.7").start()) {
            var api = new FeignSamcoApiAdapter(
                    SamcoHttpConfig.builder().baseUrl(strict.url()).build().get());
            var app = SandboxServer.DEFAULT_APPS.get(0);
            var error = api.sessionToken(
                            io.github.samcoauth.domain.ApiKey.of(app.apiKey()).get(),
                            io.github.samcoauth.domain.ApiSecret.of(app.apiSecret())
                                    .get())
                    .getLeft();
            assertThat(error).isInstanceOf(AuthError.IpNotRegistered.class);
            assertThat(error.code()).isEqualTo("ip-not-registered");
            assertThat(((AuthError.IpNotRegistered) error).refusal().errorCode())
                    .isEqualTo(io.vavr.control.Option.some("EOAUTH009"));
            assertThat(strict.loginCount("DV99999")).isZero();
        }
        try (var open = SandboxServer.builder().registeredIp("127.0.0.1").start()) {
            var api = new FeignSamcoApiAdapter(
                    SamcoHttpConfig.builder().baseUrl(open.url()).build().get());
            var app = SandboxServer.DEFAULT_APPS.get(0);
            var grant = api.sessionToken(
                    io.github.samcoauth.domain.ApiKey.of(app.apiKey()).get(),
                    io.github.samcoauth.domain.ApiSecret.of(app.apiSecret()).get());
            assertThat(grant).as("the registered address itself is served").isRight();
            var whoami = api.whoami(grant.get().token()).get();
            assertThat(whoami.matches()).isTrue();
        }
    }
}
