package io.github.samcoauth.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import feign.Feign;
import feign.RequestLine;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionHeaderInterceptorTest {

    @RegisterExtension
    static WireMockExtension samco = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** A platform's own client of another Samco API. */
    interface WhoAmI {
        @RequestLine("GET /ip/whoami")
        String whoami();
    }

    private static Session session(String token) {
        var profile = AccountProfile.of("DV99999", "A", List.of(), List.of(), List.of())
                .get();
        return Session.issue(SessionToken.of(token).get(), profile, Instant.now());
    }

    @Test
    void givenCurrentSession_whenPlatformCallsAnotherApi_thenHeaderCarriesTheLatestToken() {
        samco.stubFor(get("/ip/whoami").willReturn(okJson("{\"status\":\"Success\"}")));
        var current = new AtomicReference<Either<AuthError, Session>>(
                Either.right(session("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));
        var client = Feign.builder()
                .requestInterceptor(new SessionHeaderInterceptor(current::get))
                .target(WhoAmI.class, samco.baseUrl());

        client.whoami();
        current.set(Either.right(session("eyJhbGciOiJIUzI1NiJ9.e30.sig+/=")));
        client.whoami();

        samco.verify(
                1,
                getRequestedFor(urlEqualTo("/ip/whoami"))
                        .withHeader("x-session-token", equalTo("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));
        samco.verify(
                1,
                getRequestedFor(urlEqualTo("/ip/whoami"))
                        .withHeader("x-session-token", equalTo("eyJhbGciOiJIUzI1NiJ9.e30.sig+/=")));
    }

    @Test
    void givenNoSession_whenPlatformCalls_thenNotSentAndTypedReason() {
        var client = Feign.builder()
                .requestInterceptor(
                        new SessionHeaderInterceptor(() -> Either.left(new AuthError.NoSession(Option.none()))))
                .target(WhoAmI.class, samco.baseUrl());
        assertThatThrownBy(client::whoami)
                .isInstanceOfSatisfying(
                        SessionUnavailableException.class,
                        e -> assertThat(e.error()).isEqualTo(new AuthError.NoSession(Option.none())))
                .hasMessage("No valid session is stored");
        // a platform's handler of Feign's failures catches it too: no answer, status -1
        assertThatThrownBy(client::whoami)
                .isInstanceOfSatisfying(
                        feign.FeignException.class, e -> assertThat(e.status()).isEqualTo(-1));
        assertThat(samco.getAllServeEvents()).isEmpty();
    }
}
