package io.github.samcoauth.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.ServerTime;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeignSamcoApiAdapterTest {

    @RegisterExtension
    static WireMockExtension samco = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Uid UID = Uid.of("DV99999").get();
    private static final Otp CODE = Otp.of("NUWL3586").get();
    private static final SessionToken TOKEN =
            SessionToken.of("f4b8ec1dcc1e9486f723cb5fcba16859").get();

    private FeignSamcoApiAdapter adapter() {
        return new FeignSamcoApiAdapter(Samples.config(samco.baseUrl()).build().get());
    }

    private static void answerOtp(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        samco.stubFor(post("/otp/generateOtp").willReturn(response));
    }

    private static void answerLogin(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        samco.stubFor(post("/webSecretCodeValidation").willReturn(response));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    // --- the documented samples -------------------------------------------------------------

    @Test
    void givenDocumentedOtpSuccess_whenGenerateOtp_thenReplyWithMessageMsgIdAndTime() {
        answerOtp(json(200, Samples.read("generate-otp-success.json")));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.right(new SamcoReply(
                        "OTP sent to your mobile and email.",
                        Option.some("1e439d95-5e57-4810-b57e-df94e74776ea"),
                        ServerTime.parse("17/12/25 09:40:58"))));
    }

    @Test
    void givenDocumentedOtpFailure_whenGenerateOtp_thenRejectedWithEverything() {
        answerOtp(json(200, Samples.read("generate-otp-failure.json")));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.Rejected(
                        "Failure",
                        List.of("Failed to genererate otp for user"),
                        Option.none(),
                        Option.some("7488e02e-9e5b-43e2-b6aa-21f92b6b1658"),
                        Option.some(ServerTime.parse("17/12/25 09:41:30")),
                        200)));
    }

    @Test
    void givenDocumentedLoginSuccess_whenValidate_thenGrantWithProfile() {
        answerLogin(json(200, Samples.read("login-success.json")));
        var expectedProfile = AccountProfile.of(
                        "RM3XXXXX",
                        "MXXXXXAD AXXX",
                        java.util.List.of("BFO", "BSE", "CDS", "MCX", "NSE", "NFO"),
                        java.util.List.of("MKT", "L", "SL", "SL-M"),
                        java.util.List.of("MIS", "CNC", "NRML", "CO", "BO"))
                .get();
        assertThat(adapter().validateLoginCode(CODE))
                .isEqualTo(Either.right(new LoginGrant(
                        TOKEN,
                        expectedProfile,
                        new SamcoReply(
                                "Login session token generated successfully",
                                Option.none(),
                                ServerTime.parse("13/01/25 10:10:40")))));
    }

    @Test
    void givenDocumentedLoginFailure_whenValidate_thenRejectedWithValidationErrors() {
        answerLogin(json(200, Samples.read("login-failure.json")));
        assertThat(adapter().validateLoginCode(CODE))
                .isEqualTo(Either.left(new AuthError.Rejected(
                        "Failure",
                        List.of("OTP expired. Please enter valid OTP."),
                        Option.none(),
                        Option.none(),
                        Option.some(ServerTime.parse("13/01/25 15:00:29")),
                        200)));
    }

    @Test
    void givenDocumentedLogoutSuccess_whenLogout_thenReply() {
        samco.stubFor(delete("/logout").willReturn(json(200, Samples.read("logout-success.json"))));
        assertThat(adapter().logout(TOKEN).map(SamcoReply::statusMessage))
                .isEqualTo(Either.right("Request successful"));
    }

    // --- exact requests ---------------------------------------------------------------------

    @Test
    void givenAnyCall_whenSent_thenExactMethodPathHeadersAndBody() {
        answerOtp(json(200, Samples.read("generate-otp-success.json")));
        answerLogin(json(200, Samples.read("login-success.json")));
        samco.stubFor(delete("/logout").willReturn(json(200, Samples.read("logout-success.json"))));
        var adapter = adapter();
        adapter.generateOtp(UID);
        adapter.validateLoginCode(CODE);
        var jwt = SessionToken.of("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJEVjk5OTk5In0.a+b/c_d-e=")
                .get();
        adapter.logout(jwt);

        samco.verify(
                1,
                postRequestedFor(urlEqualTo("/otp/generateOtp"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withHeader("Accept", equalTo("application/json"))
                        .withHeader("User-Agent", matching("samco-auth/\\d+\\.\\d+\\.\\d+.*"))
                        .withRequestBody(equalToJson("{\"uid\":\"DV99999\"}")));
        samco.verify(
                1,
                postRequestedFor(urlEqualTo("/webSecretCodeValidation"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withHeader("Accept", equalTo("application/json"))
                        .withRequestBody(equalToJson("{\"otp\":\"NUWL3586\"}")));
        samco.verify(
                1,
                deleteRequestedFor(urlEqualTo("/logout"))
                        .withHeader("x-session-token", equalTo(jwt.value()))
                        .withHeader("Accept", equalTo("application/json"))
                        .withoutHeader("Content-Type"));
    }

    @Test
    void givenBaseUrlWithPathAndTrailingSlash_whenCalled_thenPathKept() {
        samco.stubFor(post("/api/otp/generateOtp").willReturn(json(200, Samples.read("generate-otp-success.json"))));
        var adapter = new FeignSamcoApiAdapter(
                Samples.config(samco.baseUrl() + "/api/").build().get());
        assertThat(adapter.generateOtp(UID)).isRight();
    }

    // --- every answer becomes a value --------------------------------------------------------

    @Test
    void givenErrorStatus_whenGenerateOtp_thenRejected() {
        answerOtp(json(200, "{\"status\":\"Error\",\"statusMessage\":\"Invalid user\",\"msgId\":\"m-1\"}"));
        var error = (AuthError.Rejected) adapter().generateOtp(UID).getLeft();
        assertThat(List.of(error.status(), error.messages(), error.msgId()))
                .isEqualTo(List.of("Error", List.of("Invalid user"), Option.some("m-1")));
    }

    @Test
    void given401WithErrorCode_whenLogout_thenRejectedWithCodeAndHttpStatus() {
        samco.stubFor(delete("/logout")
                .willReturn(json(
                        401,
                        "{\"serverTime\":\"13/01/25 15:00:29\",\"status\":\"Failure\",\"errorCode\":\"EOAUTH001\","
                                + "\"statusMessage\":\"Unauthorized - Session token is mandatory\"}")));
        assertThat(adapter().logout(TOKEN))
                .isEqualTo(Either.left(new AuthError.Rejected(
                        "Failure",
                        List.of("Unauthorized - Session token is mandatory"),
                        Option.some("EOAUTH001"),
                        Option.none(),
                        Option.some(ServerTime.parse("13/01/25 15:00:29")),
                        401)));
    }

    @Test
    void given4xxJsonWithoutStatus_whenCalled_thenRejectedNamedByHttpStatus() {
        answerOtp(json(403, "{\"errorCode\":\"EIP403\"}"));
        var error = (AuthError.Rejected) adapter().generateOtp(UID).getLeft();
        assertThat(List.of(error.status(), error.errorCode(), error.httpStatus()))
                .isEqualTo(List.of("HTTP 403", Option.some("EIP403"), 403));
    }

    @Test
    void given502Html_whenCalled_thenUnavailableNamingTheStatus() {
        answerOtp(aResponse()
                .withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad Gateway</body></html>"));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.Unavailable("Samco answered 502 Bad Gateway")));
    }

    @Test
    void given500Json_whenCalled_thenUnavailableWithSamcosMessage() {
        answerLogin(json(500, "{\"status\":\"Failure\",\"statusMessage\":\"Internal error\"}"));
        assertThat(adapter().validateLoginCode(CODE))
                .isEqualTo(Either.left(
                        new AuthError.Unavailable("Samco answered 500 Internal Server Error: Internal error")));
    }

    @Test
    void given503EmptyBody_whenCalled_thenUnavailable() {
        answerOtp(aResponse().withStatus(503));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.Unavailable("Samco answered 503 Service Unavailable")));
    }

    @Test
    void given200EmptyBody_whenCalled_thenUnexpectedResponse() {
        answerOtp(aResponse().withStatus(200));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.UnexpectedResponse("Samco answered 200 OK with an empty body")));
    }

    @Test
    void givenTruncatedJson_whenValidate_thenUnexpectedResponse() {
        var sample = Samples.read("login-success.json");
        answerLogin(json(200, sample.substring(0, sample.length() / 2)));
        assertThat(adapter().validateLoginCode(CODE))
                .isEqualTo(Either.left(
                        new AuthError.UnexpectedResponse("Samco answered 200 OK with a body that is not valid JSON")));
    }

    @Test
    void givenHtmlWith200_whenCalled_thenUnexpectedResponse() {
        answerOtp(aResponse().withStatus(200).withBody("<html>maintenance</html>"));
        assertThat(adapter().generateOtp(UID).getLeft().code()).isEqualTo("unexpected-response");
    }

    @Test
    void givenSuccessWithoutSessionToken_whenValidate_thenUnexpectedResponseWithoutSecrets() {
        answerLogin(json(
                200,
                Samples.read("login-success.json")
                        .replace("\"sessionToken\": \"f4b8ec1dcc1e9486f723cb5fcba16859\",", "")));
        var error = adapter().validateLoginCode(CODE).getLeft();
        assertThat(error)
                .isEqualTo(new AuthError.UnexpectedResponse(
                        "a successful login answer with a bad or missing field: session token is required"));
    }

    @Test
    void givenSuccessWithMalformedToken_whenValidate_thenUnexpectedResponseThatDoesNotEchoIt() {
        answerLogin(json(
                200,
                Samples.read("login-success.json").replace("f4b8ec1dcc1e9486f723cb5fcba16859", "tok en with spaces")));
        var error = adapter().validateLoginCode(CODE).getLeft();
        assertThat(error.code()).isEqualTo("unexpected-response");
        assertThat(error.message()).doesNotContain("tok en");
    }

    @Test
    void givenStatusMissingOrUnknown_whenCalled_thenUnexpectedResponse() {
        answerOtp(json(200, "{\"statusMessage\":\"ok\"}"));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.UnexpectedResponse("an answer without a status")));
        answerOtp(json(200, "{\"status\":\"Pending\"}"));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(
                        new AuthError.UnexpectedResponse("an answer whose status is none of Success, Failure, Error")));
    }

    @Test
    void givenWrongTypes_whenCalled_thenUnexpectedResponse() {
        answerOtp(json(200, "[1,2,3]"));
        assertThat(adapter().generateOtp(UID).getLeft().message()).contains("not an object");
        answerOtp(json(200, "{\"status\":{\"a\":1}}"));
        assertThat(adapter().generateOtp(UID).getLeft().message()).contains("wrong type");
        answerLogin(
                json(
                        200,
                        "{\"status\":\"Success\",\"sessionToken\":\"f4b8ec1dcc1e9486f723cb5fcba16859\",\"accountID\":\"DV99999\",\"exchangeList\":\"NSE\"}"));
        assertThat(adapter().validateLoginCode(CODE).getLeft().code()).isEqualTo("unexpected-response");
    }

    @Test
    void givenRedirect_whenCalled_thenNotFollowedAndUnexpected() {
        answerOtp(aResponse().withStatus(302).withHeader("Location", "https://example.invalid/"));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(
                        Either.left(new AuthError.UnexpectedResponse("Samco answered 302 Found with an empty body")));
    }

    @Test
    void givenUnknownFieldsAndCodes_whenValidate_thenIgnoredAndKept() {
        var body = Samples.read("login-success.json")
                .replace(
                        "\"status\": \"Success\",",
                        "\"status\": \"Success\", \"srcIp\": \"\", \"primaryIp\": \"1.2.3.4\", \"secondaryIp\": \"\", \"nested\": {\"x\": [1]},")
                .replace("\"NFO\"", "\"NFO\", \"NCDEX\"")
                .replace("\"BO\"", "\"BO\", \"MTF\"");
        answerLogin(json(200, body));
        var profile = adapter().validateLoginCode(CODE).get().profile();
        assertThat(profile.exchanges().map(e -> e.code()).last()).isEqualTo("NCDEX");
        assertThat(profile.products().map(p -> p.code()).last()).isEqualTo("MTF");
    }

    @Test
    void givenUnparseableServerTime_whenCalled_thenKeptAsText() {
        answerOtp(json(200, "{\"status\":\"Success\",\"statusMessage\":\"sent\",\"serverTime\":\"yesterday\"}"));
        assertThat(adapter().generateOtp(UID).map(SamcoReply::serverTime))
                .isEqualTo(Either.right(new ServerTime("yesterday", Option.none())));
    }

    @Test
    void givenOversizedBody_whenCalled_thenUnexpectedWithoutReadingAll() {
        var big = "{\"status\":\"Success\",\"statusMessage\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        answerOtp(json(200, big));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(
                        new AuthError.UnexpectedResponse("the answer is larger than 1 MiB; it was not read")));
    }

    /** A success answer of exactly {@code size} bytes. */
    private static String otpAnswerOf(int size) {
        var head = "{\"status\":\"Success\",\"statusMessage\":\"";
        var tail = "\"}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givenAnAnswerOfExactlyTheLimit_whenCalled_thenReadWhetherItsLengthIsDeclaredOrNot(boolean chunked) {
        var answer = json(200, otpAnswerOf(1024 * 1024));
        answerOtp(chunked ? answer.withChunkedDribbleDelay(7, 10) : answer);
        assertThat(adapter().generateOtp(UID)).isRight();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givenAnAnswerOneByteOverTheLimit_whenCalled_thenTooLarge(boolean chunked) {
        var answer = json(200, otpAnswerOf(1024 * 1024 + 1));
        answerOtp(chunked ? answer.withChunkedDribbleDelay(7, 10) : answer);
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(
                        new AuthError.UnexpectedResponse("the answer is larger than 1 MiB; it was not read")));
    }

    @Test
    void givenOversizedChunkedBody_whenCalled_thenUnexpected() {
        var big = "{\"status\":\"Success\",\"statusMessage\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        answerOtp(json(200, big).withChunkedDribbleDelay(4, 10));
        assertThat(adapter().generateOtp(UID).getLeft().code()).isEqualTo("unexpected-response");
    }

    @Test
    void givenDelayBeyondTimeout_whenCalled_thenUnavailableNamingTheTimeout() {
        answerOtp(json(200, Samples.read("generate-otp-success.json")).withFixedDelay(1500));
        var adapter = new FeignSamcoApiAdapter(Samples.config(samco.baseUrl())
                .requestTimeout(Duration.ofMillis(300))
                .build()
                .get());
        assertThat(adapter.generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.Unavailable("no answer within 300 ms")));
        Samples.awaitDelayedAnswers(samco::getAllServeEvents, Duration.ofMillis(1500));
        samco.verify(1, postRequestedFor(urlEqualTo("/otp/generateOtp")));
    }

    @Test
    void givenConnectionReset_whenCalled_thenUnavailable() {
        answerOtp(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(adapter().generateOtp(UID))
                .isEqualTo(Either.left(
                        new AuthError.Unavailable("the connection to localhost broke before an answer came")));
    }

    @Test
    void givenGarbageOrEmptyReply_whenCalled_thenUnavailable() {
        answerOtp(aResponse().withFault(Fault.EMPTY_RESPONSE));
        assertThat(adapter().generateOtp(UID).getLeft().code()).isEqualTo("unavailable");
        answerOtp(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        assertThat(adapter().generateOtp(UID).getLeft().code()).isIn("unavailable", "unexpected-response");
    }

    @Test
    void givenNothingListening_whenCalled_thenUnavailableConnectionRefused() {
        var adapter = new FeignSamcoApiAdapter(Samples.config("http://127.0.0.1:" + Samples.freePort())
                .retries(0)
                .build()
                .get());
        assertThat(adapter.generateOtp(UID))
                .isEqualTo(
                        Either.left(new AuthError.Unavailable("could not connect to 127.0.0.1 (connection refused)")));
    }

    @Test
    void givenUnknownHost_whenCalled_thenUnavailableUnknownHost() {
        var adapter = new FeignSamcoApiAdapter(Samples.config("https://no-such-host.invalid")
                .retries(0)
                .build()
                .get());
        assertThat(adapter.generateOtp(UID))
                .isEqualTo(Either.left(new AuthError.Unavailable("unknown host no-such-host.invalid")));
    }

    @Test
    void givenAdapter_whenToString_thenOnlyBaseUrl() {
        assertThat(adapter().toString()).isEqualTo("FeignSamcoApiAdapter[" + samco.baseUrl() + "]");
    }

    @Test
    void givenAServerThatTriesToForgeTheTerminal_whenRejected_thenItsTextIsCleanAndBounded() {
        var esc = "\\u001b";
        answerOtp(json(
                200,
                "{\"status\":\"Failure\",\"statusMessage\":\"" + esc + "]0;owned\\u0007Bad" + esc
                        + "[2J\\u202Eevil\\r\\nuid "
                        + "x".repeat(5000) + "\",\"msgId\":\"" + "m".repeat(1_000) + "\",\"serverTime\":\""
                        + "9".repeat(10_000) + "\",\"validationErrors\":[\"" + esc + "[31mred\"],\"errorCode\":\"E"
                        + esc
                        + "[1m\"}"));
        var error = (AuthError.Rejected) adapter().generateOtp(UID).getLeft();
        assertThat(error.message())
                .doesNotContain("\u001b")
                .doesNotContain("\u0007")
                .doesNotContain("\u202E");
        assertThat(error.messages().head())
                .startsWith("]0;ownedBad[2Jevil  uid xxx")
                .hasSize(ServerText.MAX_MESSAGE);
        assertThat(error.messages().get(1)).isEqualTo("[31mred");
        assertThat(error.msgId()).as("a 1,000-character msgId is no msgId").isEmpty();
        assertThat(error.serverTime().get().raw()).hasSize(32);
        assertThat(error.errorCode()).contains("E[1m");
    }

    @Test
    void givenTextsOfEveryShape_whenCleaned_thenNoControlsAndCapped() {
        assertThat(ServerText.clean("a\u0000b\u009bc\u200Fd\u2066e\tf", 100)).isEqualTo("abcde f");
        assertThat(ServerText.clean("é✓ 漢字", 100)).isEqualTo("é✓ 漢字");
        assertThat(ServerText.clean("x".repeat(10), 5)).isEqualTo("xxxx…");
        assertThat(ServerText.clean(null, 5)).isEmpty();
        assertThat(ServerText.msgId(" 1e439d95-5e57-43e2-b6aa-21f92b6b1658 "))
                .contains("1e439d95-5e57-43e2-b6aa-21f92b6b1658");
        assertThat(ServerText.msgId("bad id")).isEmpty();
        assertThat(ServerText.msgId(null)).isEmpty();
    }
}
