package io.github.samcoauth.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.Uid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a user is told about the connection itself: a certificate that is not Samco's, a URL in capitals. */
class TransportSafetyTest {

    @RegisterExtension
    static WireMockExtension selfSigned = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
            .build();

    @Test
    void givenACertificateNobodyVouchesFor_whenLoggingIn_thenToldTheCertificateFailedAndNothingWasSent() {
        selfSigned.stubFor(post("/webSecretCodeValidation").willReturn(okJson("{}")));
        var adapter = new FeignSamcoApiAdapter(Samples.config("https://localhost:" + selfSigned.getHttpsPort())
                .build()
                .get());
        var error = adapter.validateLoginCode(Otp.of("NUWL3586").get()).getLeft();
        assertThat(error).isInstanceOf(AuthError.Unavailable.class);
        assertThat(error.message())
                .contains("the certificate of localhost could not be verified")
                .contains("nothing was sent")
                .doesNotContain("check the network");
        assertThat(selfSigned.getAllServeEvents()).isEmpty();
    }

    @Test
    void givenABaseUrlInCapitals_whenBuilt_thenSchemeAndHostLowerCasedAndItWorks() {
        var config =
                SamcoHttpConfig.builder().baseUrl("HTTP://LOCALHOST:1/").build().get();
        assertThat(config.baseUrl().toString()).isEqualTo("http://localhost:1/");
        var error = new FeignSamcoApiAdapter(SamcoHttpConfig.builder()
                        .baseUrl("HTTP://LOCALHOST:" + Samples.freePort())
                        .retries(0)
                        .build()
                        .get())
                .generateOtp(Uid.of("DV99999").get())
                .getLeft();
        assertThat(error).isInstanceOf(AuthError.Unavailable.class);
        assertThat(error.message()).contains("connection refused");
    }
}
