package io.github.samcoauth.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At the most verbose level (the test JVM logs everything at TRACE to {@code target/test-wire.log})
 * no secret value appears, while the wire log itself is there.
 */
class WireLoggingTest {

    @RegisterExtension
    static WireMockExtension samco = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String CODE = "ZQ7X9K2M";
    private static final String TOKEN = "9d1c0ffee5a1e5ecre7e0ken00000042";
    private static final String EXPIRED_ECHO = "Ab3Cd4Ef";

    @Test
    void givenWireLoggingOnAtTrace_whenEveryEndpointCalled_thenNoSecretInTheLog() throws Exception {
        samco.stubFor(post("/otp/generateOtp").willReturn(okJson(Samples.read("generate-otp-success.json"))));
        samco.stubFor(post("/webSecretCodeValidation")
                .willReturn(okJson(Samples.read("login-success.json")
                        .replace("f4b8ec1dcc1e9486f723cb5fcba16859", TOKEN)
                        // Jackson reads an escaped field name as the name itself: so must the redaction
                        .replace("\"sessionToken\"", "\"session\\u0054oken\"")
                        .replace(
                                "\"status\": \"Success\",",
                                "\"status\": \"Success\", \"otp\": \"" + EXPIRED_ECHO
                                        + "\", \"apiSecret\": \"s3cr3tValue\", \"password\": 12345678,"))));
        samco.stubFor(delete("/logout").willReturn(okJson(Samples.read("logout-success.json"))));
        var adapter = new FeignSamcoApiAdapter(
                Samples.config(samco.baseUrl()).wireLogging(true).build().get());

        adapter.generateOtp(Uid.of("DV99999").get());
        var grant = adapter.validateLoginCode(Otp.of(CODE).get());
        adapter.logout(SessionToken.of(TOKEN).get());

        assertThat(grant).isRight();
        var log = Files.readString(Path.of("target", "test-wire.log"));
        assertThat(log)
                .contains("POST " + samco.baseUrl() + "/webSecretCodeValidation")
                .contains("\"otp\":\"***\"")
                .contains("x-session-token: ***")
                .contains("\"sessionToken\":\"***\"")
                .doesNotContain(CODE)
                .doesNotContain(TOKEN)
                .doesNotContain(EXPIRED_ECHO)
                .doesNotContain("s3cr3tValue")
                .doesNotContain("12345678");
    }

    @Test
    void givenSecretsInTextsOfEveryShape_whenRedacted_thenMasked() {
        assertThat(Redactor.redact("[SamcoHttpApi#logout] X-Session-Token: abc.def"))
                .isEqualTo("[SamcoHttpApi#logout] X-Session-Token: ***");
        assertThat(Redactor.redact("{\"otp\" : \"NU\\\"WL\",\"uid\":\"DV99999\"}"))
                .isEqualTo("{\"otp\" : \"***\",\"uid\":\"DV99999\"}");
        assertThat(Redactor.redact("{\"apiKey\":null,\"yob\":1990}")).isEqualTo("{\"apiKey\":\"***\",\"yob\":\"***\"}");
        assertThat(Redactor.redact("{\"sessionToken\":\"unterminated")).isEqualTo("{\"sessionToken\":\"***\"");
        assertThat(Redactor.redact(null)).isEmpty();
    }

    @Test
    void givenBodiesOfEveryShape_whenLogged_thenSecretsMaskedByDecodedNameAndControlsEscaped() {
        assertThat(Redactor.redactBody(
                        "{\"a\":{\"refresh_token\":\"r1\"},\"list\":[{\"CODE\":\"c1\"}],\"m\":\"\\u001b[2J\"}"))
                .isEqualTo("{\"a\":{\"refresh_token\":\"***\"},\"list\":[{\"CODE\":\"***\"}],\"m\":\"\\u001B[2J\"}");
        assertThat(Redactor.redactBody("<html>sessionToken=abc</html>"))
                .isEqualTo("(29-character body not shown: it is not a JSON object or array)");
        assertThat(Redactor.redactBody("{\"sessionToken\":\"unterminated")).doesNotContain("unterminated");
    }

    @Test
    void givenAServerWhoseMessagesCarryTerminalAndBidiControls_whenWireLogged_thenTheLogHoldsNoneOfThem()
            throws Exception {
        var marker = "hostile-" + System.nanoTime();
        samco.stubFor(post("/otp/generateOtp")
                .willReturn(okJson("{\"status\":\"Failure\",\"statusMessage\":\"" + marker
                                + " \\u001b[2J esc \u009b31m csi \u202e override \u2066 isolate\"}")
                        .withHeader("X-Note", marker + " \u009b31m")));
        var adapter = new FeignSamcoApiAdapter(
                Samples.config(samco.baseUrl()).wireLogging(true).build().get());

        var refused = adapter.generateOtp(Uid.of("DV99999").get());

        assertThat(refused).isLeft();
        var log = Files.readString(Path.of("target", "test-wire.log"), java.nio.charset.StandardCharsets.UTF_8);
        var lines = log.lines().filter(l -> l.contains(marker)).toList();
        assertThat(lines).as("the exchange is in the wire log").isNotEmpty();
        for (var line : lines) {
            assertThat(line)
                    .doesNotContain("\u001b")
                    .doesNotContain("\u009b")
                    .doesNotContain("\u202e")
                    .doesNotContain("\u2066");
        }
    }
}
