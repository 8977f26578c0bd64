package io.github.samcoauth.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import feign.Request;
import feign.RetryableException;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.Uid;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** A request that may have reached Samco is never sent twice; one that provably did not is retried. */
class RetryTest {

    private static final Uid UID = Uid.of("DV99999").get();

    @Test
    void givenResetAfterRequestSent_whenGenerateOtp_thenSentExactlyOnce() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(post("/otp/generateOtp").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            server.stubFor(
                    post("/webSecretCodeValidation").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
            var adapter = new FeignSamcoApiAdapter(
                    Samples.config(server.baseUrl()).retries(5).build().get());

            assertThat(adapter.generateOtp(UID).getLeft().code()).isEqualTo("unavailable");
            assertThat(adapter.validateLoginCode(Otp.of("NUWL3586").get())
                            .getLeft()
                            .code())
                    .isEqualTo("unavailable");

            server.verify(1, postRequestedFor(urlEqualTo("/otp/generateOtp")));
            server.verify(1, postRequestedFor(urlEqualTo("/webSecretCodeValidation")));
        } finally {
            server.stop();
        }
    }

    @Test
    void givenTimeoutAfterRequestSent_whenValidate_thenSentExactlyOnce() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(
                    post("/webSecretCodeValidation").willReturn(okJson("{}").withFixedDelay(800)));
            var adapter = new FeignSamcoApiAdapter(Samples.config(server.baseUrl())
                    .retries(5)
                    .requestTimeout(Duration.ofMillis(200))
                    .build()
                    .get());
            assertThat(adapter.validateLoginCode(Otp.of("NUWL3586").get())
                            .getLeft()
                            .code())
                    .isEqualTo("unavailable");
            Samples.awaitDelayedAnswers(server::getAllServeEvents, Duration.ofMillis(800));
            server.verify(1, postRequestedFor(urlEqualTo("/webSecretCodeValidation")));
        } finally {
            server.stop();
        }
    }

    @Test
    void givenConnectionRefusedAtFirst_whenGenerateOtp_thenRetriedAndSucceedsOnce() throws Exception {
        int port = Samples.freePort();
        var server = new WireMockServer(wireMockConfig().port(port));
        server.stubFor(post("/otp/generateOtp").willReturn(okJson(Samples.read("generate-otp-success.json"))));
        var adapter = new FeignSamcoApiAdapter(Samples.config("http://127.0.0.1:" + port)
                .retries(2)
                .initialBackoff(Duration.ofMillis(3000))
                .build()
                .get());
        // the first attempt is refused; the server comes up during the backoff (at least 1.5 s)
        var starter = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.start();
        });
        starter.start();
        try {
            assertThat(adapter.generateOtp(UID)).isRight();
            server.verify(1, postRequestedFor(urlEqualTo("/otp/generateOtp")));
        } finally {
            starter.join();
            server.stop();
        }
    }

    @Test
    void givenRetriesOff_whenRefused_thenOneAttemptOnly() {
        var retryer = new SafeRetryer(0, 10);
        var refused = retryable(new ConnectException("Connection refused"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> retryer.continueOrPropagate(refused))
                .isSameAs(refused);
    }

    @Test
    void givenRefusedTwiceWithTwoRetries_whenThird_thenPropagated() {
        var retryer = new SafeRetryer(2, 1);
        var refused = retryable(new ConnectException("Connection refused"));
        retryer.continueOrPropagate(refused);
        retryer.continueOrPropagate(refused);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> retryer.continueOrPropagate(refused))
                .isSameAs(refused);
        // a clone starts afresh, as Feign clones it per call
        retryer.clone().continueOrPropagate(refused);
    }

    @Test
    void givenFailures_whenClassified_thenOnlyPreConnectionOnesAreSafe() {
        assertThat(SafeRetryer.neverLeft(retryable(new ConnectException("refused"))))
                .isTrue();
        var unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(SafeRetryer.neverLeft(retryable(unresolved))).isTrue();
        assertThat(SafeRetryer.neverLeft(retryable(new java.net.UnknownHostException("x"))))
                .isTrue();
        assertThat(SafeRetryer.neverLeft(retryable(new IOException("Connection reset"))))
                .isFalse();
        assertThat(SafeRetryer.neverLeft(retryable(new HttpTimeoutException("request timed out"))))
                .isFalse();
        assertThat(SafeRetryer.neverLeft(retryable(new HttpConnectTimeoutException("connect timed out"))))
                .isFalse();
        assertThat(SafeRetryer.neverLeft(retryable(new java.io.EOFException()))).isFalse();
    }

    private static RetryableException retryable(IOException cause) {
        var request = Request.create(
                Request.HttpMethod.POST, "http://127.0.0.1/otp/generateOtp", new HashMap<>(), null, null, null);
        return new RetryableException(-1, cause.getMessage(), Request.HttpMethod.POST, cause, (Long) null, request);
    }
}
