package io.github.samcoauth.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.LogoutResult;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamcoAuthTest {

    @TempDir
    Path tmp;

    @Test
    void givenBuilder_whenBuilt_thenNoFileOrNetworkTouched() {
        var state = tmp.resolve("never-created");
        var auth = SamcoAuth.builder()
                .baseUrl("https://no-such-host.invalid")
                .stateDir(state)
                .build();
        assertThat(auth).isRight();
        assertThat(Files.exists(state)).isFalse();
    }

    @Test
    void givenBadSettings_whenBuilt_thenInvalidInput() {
        assertThat(SamcoAuth.builder()
                        .baseUrl("http://tradeapi.samco.in")
                        .build()
                        .getLeft()
                        .code())
                .isEqualTo("invalid-input");
        assertThat(SamcoAuth.builder().stateDir(null).build().getLeft().message())
                .isEqualTo("state directory is required");
        assertThat(SamcoAuth.builder().requestTimeout(Duration.ofSeconds(-1)).build())
                .isLeft();
        assertThat(SamcoAuth.builder().decorateSamcoApi(null).build().getLeft().message())
                .isEqualTo("decorator is required");
        assertThat(SamcoAuth.builder()
                        .decorateCoordination(null)
                        .build()
                        .getLeft()
                        .code())
                .isEqualTo("invalid-input");
        assertThat(SamcoAuth.builder()
                        .alsoOnSessionEvent(null)
                        .build()
                        .getLeft()
                        .code())
                .isEqualTo("invalid-input");
        assertThat(SamcoAuth.builder()
                        .decorateSamcoApi(api -> null)
                        .build()
                        .getLeft()
                        .message())
                .isEqualTo("decorated Samco API is required");
    }

    @Test
    void givenDecoratorsAndListeners_whenBuilt_thenEachWrapsInOrderAndEveryListenerIsTold(@TempDir Path dir)
            throws Exception {
        var order = new java.util.ArrayList<String>();
        var told = new java.util.ArrayList<String>();
        var app = SandboxServer.DEFAULT_APPS.get(0);
        try (var sandbox = SandboxServer.start();
                var auth = SamcoAuth.builder()
                        .stateDir(dir)
                        .baseUrl(sandbox.url())
                        .decorateSamcoApi(api -> {
                            order.add("first");
                            return api;
                        })
                        .decorateSamcoApi(api -> {
                            order.add("second");
                            return api;
                        })
                        .decorateCoordination(coordination -> {
                            order.add("coordination");
                            return coordination;
                        })
                        .onSessionEvent(event -> {
                            throw new IllegalStateException("the platform's listener fails");
                        })
                        .alsoOnSessionEvent(event -> told.add(event.type().label()))
                        .apiCredentials(app.apiKey(), app.apiSecret())
                        .build()
                        .get()) {
            assertThat(order).containsExactly("first", "second", "coordination");
            var session = auth.sessionSource(new AccountId("DV99999")).session();
            assertThat(session).isRight();
            auth.sessionSource(new AccountId("DV99999")).rejected(session.get().token());
            assertThat(told).as("told although the first listener threw").contains("revoked");
        }
    }

    @Test
    void givenSandbox_whenWholeFlowThroughTheFacade_thenSessionKeptAndEnded() throws Exception {
        try (var sandbox = SandboxServer.start();
                var auth = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(tmp)
                        .build()
                        .get()) {
            assertThat(auth.requestOtp("dv99999")).isRight();
            var code = sandbox.awaitOtp("DV99999", Duration.ofSeconds(5))
                    .orElseThrow()
                    .code();
            var session = auth.login(code).get();
            assertThat(auth.current()).isEqualTo(Either.right(session));
            assertThat(Files.exists(tmp.resolve("sessions/DV99999.json"))).isTrue();
            assertThat(Files.readString(tmp.resolve("audit.jsonl")))
                    .contains("otp-requested", "login-succeeded")
                    .doesNotContain(code);

            var result = auth.logout().get();
            assertThat(result.remote()).isInstanceOf(LogoutResult.Remote.LoggedOut.class);
            assertThat(auth.current()).isEqualTo(Either.left(new AuthError.NoSession(Option.none())));
            assertThat(sandbox.liveSessions()).isZero();
        }
    }

    @Test
    void givenTwoAccountsInOneJvm_whenEachLogsOut_thenEachUsedItsOwnToken() throws Exception {
        try (var sandbox = SandboxServer.start()) {
            var first = SamcoAuth.builder()
                    .baseUrl(sandbox.url())
                    .stateDir(tmp.resolve("a"))
                    .build()
                    .get();
            var second = SamcoAuth.builder()
                    .baseUrl(sandbox.url())
                    .stateDir(tmp.resolve("b"))
                    .build()
                    .get();
            var a = login(first, sandbox, "DV99999");
            var b = login(second, sandbox, "RM3XXXXX");
            assertThat(a.token()).isNotEqualTo(b.token());
            assertThat(first.current().get().accountId()).isEqualTo(new AccountId("DV99999"));
            assertThat(second.current().get().accountId()).isEqualTo(new AccountId("RM3XXXXX"));
            // the sandbox accepts each token once: both logouts succeed only if each sent its own
            assertThat(first.logout().get().complete()).isTrue();
            assertThat(second.logout().get().complete()).isTrue();
        }
    }

    @Test
    void givenOneStoreAndTwoAccounts_whenCurrentWithoutAccount_thenAccountRequired() throws Exception {
        try (var sandbox = SandboxServer.start();
                var auth = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(tmp)
                        .build()
                        .get()) {
            login(auth, sandbox, "DV99999");
            login(auth, sandbox, "RM3XXXXX");
            assertThat(auth.current().getLeft().code()).isEqualTo("account-required");
            assertThat(auth.current(new AccountId("RM3XXXXX"))).isRight();
            assertThat(auth.logout(new AccountId("RM3XXXXX")).get().complete()).isTrue();
            assertThat(auth.current().get().accountId()).isEqualTo(new AccountId("DV99999"));
        }
    }

    @Test
    void givenReplacedPorts_whenUsed_thenThePlatformsPortsAreCalled() throws Exception {
        var store = new InMemorySessionStore();
        var samco = new ScriptedSamcoApi();
        var auth = SamcoAuth.builder()
                .sessionStore(store)
                .samcoApi(samco)
                .auditLog(e -> Either.right(e))
                .stateDir(tmp)
                .build()
                .get();
        auth.requestOtp("DV99999");
        assertThat(samco.calls()).containsExactly("generateOtp:DV99999");
        assertThat(auth.current().getLeft().code()).isEqualTo("no-session");
        assertThat(store.reads()).isEqualTo(1);
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void givenPlatformFeignClient_whenInterceptorUsed_thenCurrentTokenSent() throws Exception {
        var wire = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                        .dynamicPort());
        wire.start();
        try (var sandbox = SandboxServer.start();
                var auth = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(tmp)
                        .build()
                        .get()) {
            var session = login(auth, sandbox, "DV99999");
            wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/ip/whoami")
                    .willReturn(aResponse().withStatus(200).withBody("{}")));
            var client = feign.Feign.builder()
                    .requestInterceptor(auth.sessionHeaderInterceptor())
                    .target(WhoAmI.class, wire.baseUrl());
            client.whoami();
            wire.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                            com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/ip/whoami"))
                    .withHeader(
                            "x-session-token",
                            com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                    session.token().value())));
        } finally {
            wire.stop();
        }
    }

    /** Requests an OTP through the facade, reads it from the sandbox's outbox and redeems it. */
    private static io.github.samcoauth.domain.Session login(SamcoAuth auth, SandboxServer sandbox, String uid)
            throws InterruptedException {
        auth.requestOtp(uid);
        var code = sandbox.awaitOtp(uid, Duration.ofSeconds(5)).orElseThrow().code();
        return auth.login(code).get();
    }

    interface WhoAmI {
        @feign.RequestLine("GET /ip/whoami")
        String whoami();
    }

    @Test
    void givenDashboardCredentials_whenTheApiKeyFlowsRunThroughTheFacade_thenHeadlessSessionsKeptAndRenewed()
            throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        try (var sandbox = SandboxServer.builder()
                        .tokenLifetime(Duration.ofMinutes(5))
                        .start();
                var auth = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(tmp)
                        .build()
                        .get()) {
            var started = java.time.Instant.now();
            var session = auth.loginWithApiKey(app.apiKey(), app.apiSecret()).get();
            assertThat(session.method()).isEqualTo(io.github.samcoauth.domain.LoginMethod.API_KEY);
            assertThat(session.expiresAt())
                    .as("the JWT's own exp, five minutes, wins over 08:00 IST")
                    .isBetween(started.plus(Duration.ofMinutes(4)), started.plus(Duration.ofMinutes(6)));
            assertThat(auth.whoami().get().whoAmI().matches()).isTrue();
            var code = auth.mintLoginCode().get().minted().code().value();
            var renewed = auth.refresh(new io.github.samcoauth.application.port.in.RefreshSessionCommand(
                            Option.none(),
                            io.github.samcoauth.application.port.in.ApiCredentials.of(app.apiKey(), app.apiSecret())
                                    .toOption()))
                    .get();
            assertThat(renewed.token()).isNotEqualTo(session.token());
            assertThat(sandbox.loginCount("DV99999")).isEqualTo(2);
            assertThat(auth.loginWithApiKey(app.apiKey(), "not-the-secret")
                            .getLeft()
                            .code())
                    .isEqualTo("rejected");
            assertThat(auth.loginWithApiKey(null, app.apiSecret()).getLeft().code())
                    .isEqualTo("invalid-input");
            try (var otherDevice = SamcoAuth.builder()
                    .baseUrl(sandbox.url())
                    .stateDir(tmp.resolve("other"))
                    .build()
                    .get()) {
                assertThat(otherDevice.login(code).get().accountId().value()).isEqualTo("DV99999");
            }
            assertThat(Files.readString(tmp.resolve("audit.jsonl")))
                    .contains("code-minted")
                    .doesNotContain(code)
                    .doesNotContain(app.apiSecret());
        }
    }

    @Test
    void givenSamcoRevokedEveryToken_whenAPlatformsFeignClientCalls_thenRenewedOnceAndTheCallSucceeds()
            throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var events =
                new java.util.concurrent.ConcurrentLinkedQueue<io.github.samcoauth.application.port.in.SessionEvent>();
        try (var sandbox = SandboxServer.start();
                var auth = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(tmp)
                        .apiCredentials(app.apiKey(), app.apiSecret())
                        .onSessionEvent(events::add)
                        .build()
                        .get()) {
            var first = auth.loginWithApiKey(app.apiKey(), app.apiSecret()).get();
            var client = feign.Feign.builder()
                    .requestInterceptor(auth.sessionHeaderInterceptor())
                    .errorDecoder(
                            auth.sessionRenewingErrorDecoder().delegatingTo(new feign.codec.ErrorDecoder.Default()))
                    .target(WhoAmI.class, sandbox.url());
            assertThat(client.whoami()).contains("Success");
            sandbox.revokeAll();
            assertThat(client.whoami()).as("answered after one renewal").contains("Success");
            assertThat(sandbox.loginCount("DV99999")).isEqualTo(2);
            assertThat(auth.sessionSource().session().get().token()).isNotEqualTo(first.token());
            assertThat(auth.current().get())
                    .isEqualTo(auth.sessionSource().session().get());
            assertThat(events).extracting(e -> e.type().label()).contains("revoked", "renewed");
            assertThat(events.toString()).doesNotContain(first.token().value()).doesNotContain(app.apiSecret());
        }
    }

    @Test
    void givenTheJdkHttpClient_whenSamcoRevokesEveryToken_thenOneRenewalAndOneResendAndASecond401IsThePlatforms(
            @TempDir Path dir) throws Exception {
        var app = SandboxServer.DEFAULT_APPS.get(0);
        var refusing = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                        .dynamicPort());
        refusing.start();
        try (var sandbox = SandboxServer.start();
                var auth = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(dir)
                        .apiCredentials(app.apiKey(), app.apiSecret())
                        .build()
                        .get()) {
            var first = auth.loginWithApiKey(app.apiKey(), app.apiSecret()).get();
            var http = auth.sessionHttpClient(java.net.http.HttpClient.newHttpClient(), new AccountId("DV99999"));
            var whoami = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.url() + "/ip/whoami"))
                    .header("x-session-token", "a-stale-header-the-client-replaces")
                    .build();
            var ofString = java.net.http.HttpResponse.BodyHandlers.ofString();
            assertThat(http.send(whoami, ofString).statusCode()).isEqualTo(200);
            sandbox.revokeAll();
            var answered = http.send(whoami, ofString);
            assertThat(answered.statusCode()).as("answered after one renewal").isEqualTo(200);
            assertThat(sandbox.loginCount("DV99999")).isEqualTo(2);
            assertThat(answered.request()
                            .headers()
                            .firstValue("x-session-token")
                            .orElseThrow())
                    .isNotEqualTo(first.token().value())
                    .isEqualTo(sandbox.latestToken("DV99999").orElseThrow());

            refusing.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                            com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(aResponse().withStatus(401)));
            var refused = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(refusing.baseUrl() + "/order/orderBook"))
                            .build(),
                    ofString);
            assertThat(refused.statusCode())
                    .as("the second 401 is the platform's")
                    .isEqualTo(401);
            assertThat(refusing.getAllServeEvents()).hasSize(2);
            assertThat(sandbox.loginCount("DV99999")).as("one renewal for it").isEqualTo(3);
        } finally {
            refusing.stop();
        }
    }

    @Test
    void givenNoSession_whenTheJdkClientSends_thenNotSentAndATypedIoException(@TempDir Path dir) throws Exception {
        try (var auth = SamcoAuth.builder().stateDir(dir).build().get()) {
            var http = auth.sessionHttpClient(java.net.http.HttpClient.newHttpClient());
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:1/"))
                    .build();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOfSatisfying(
                            SessionHttpClient.NoValidSessionException.class,
                            e -> assertThat(e.error().code()).isEqualTo("no-session"))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
