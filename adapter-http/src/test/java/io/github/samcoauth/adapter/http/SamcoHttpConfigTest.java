package io.github.samcoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamcoHttpConfigTest {

    @Test
    void givenNothing_whenDefaults_thenProductionUrlAndDocumentedTimeouts() {
        var config = SamcoHttpConfig.defaults();
        assertThat(config.baseUrl()).isEqualTo(URI.create("https://tradeapi.samco.in"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retries()).isEqualTo(2);
        assertThat(config.wireLogging()).isFalse();
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:8080",
                "http://127.0.0.1:1",
                "http://127.1.2.3",
                "http://[::1]:9000/x",
                "https://example.com/base/"
            })
    void givenLoopbackHttpOrAnyHttps_whenBuilt_thenAccepted(String url) {
        assertThat(SamcoHttpConfig.builder().baseUrl(url).build()).isRight();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://tradeapi.samco.in",
                "http://10.0.0.1",
                "http://localhost.example.com",
                "http://127.0.0.1.nip.io"
            })
    void givenPlainHttpToAnotherHost_whenBuilt_thenRefusedWithReason(String url) {
        var error = SamcoHttpConfig.builder().baseUrl(url).build().getLeft();
        assertThat(error.code()).isEqualTo("invalid-input");
        assertThat(error.message()).contains("plain http:// is refused");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://x",
                "not a url",
                "https://",
                "https://user:pw@host",
                "https://host/?q=1",
                "tradeapi.samco.in"
            })
    void givenNotAUsableUrl_whenBuilt_thenInvalidInput(String url) {
        assertThat(SamcoHttpConfig.builder().baseUrl(url).build().getLeft().code())
                .isEqualTo("invalid-input");
    }

    @Test
    void givenBadNumbers_whenBuilt_thenInvalidInputNamingTheField() {
        assertThat(SamcoHttpConfig.builder().requestTimeout(Duration.ZERO).build())
                .isEqualTo(Either.left(new AuthError.InvalidInput(
                        new DomainError.Malformed("request timeout", "a positive duration"))));
        assertThat(SamcoHttpConfig.builder()
                        .connectTimeout(null)
                        .build()
                        .getLeft()
                        .message())
                .startsWith("connect timeout");
        assertThat(SamcoHttpConfig.builder().retries(-1).build().getLeft().message())
                .startsWith("retries");
        assertThat(SamcoHttpConfig.builder().retries(11).build()).isLeft();
        assertThat(SamcoHttpConfig.builder().maxBodyBytes(10).build()).isLeft();
        assertThat(SamcoHttpConfig.builder().baseUrl(" ").build())
                .isEqualTo(Either.left(new AuthError.InvalidInput(new DomainError.Blank("base URL"))));
    }

    @Test
    void givenProxy_whenBuilt_thenKeptUnresolved() {
        var config =
                SamcoHttpConfig.builder().proxy("proxy.internal", 3128).build().get();
        assertThat(config.proxy().get().isUnresolved()).isTrue();
        assertThat(FeignSamcoApiAdapter.httpClient(config).proxy()).isPresent();
    }

    @Test
    void givenStatusCodes_whenDescribed_thenNamed() {
        assertThat(HttpStatus.describe(504)).isEqualTo("504 Gateway Timeout");
        assertThat(HttpStatus.describe(418)).isEqualTo("HTTP 418");
        assertThat(Limits.describeBytes(2048)).isEqualTo("2 KiB");
        assertThat(Limits.describeBytes(1000)).isEqualTo("1000 bytes");
        assertThat(Limits.describe(Duration.ofSeconds(30))).isEqualTo("30 s");
    }
}
