package com.example.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.github.samcoauth.bootstrap.spring.SamcoAuthBuilderCustomizer;
import io.github.samcoauth.bootstrap.spring.SamcoSessionFilter;
import io.github.samcoauth.bootstrap.spring.SamcoSessionInterceptor;
import io.vavr.control.Option;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The desk's application on a real server, the sandbox as Samco: Actuator's health says "samco"
 * UP, then DOWN with why once Samco revoked everything and the credentials were withdrawn; the
 * metrics list samco-auth's meters; a RestClient and a WebClient of Samco's APIs go through a
 * revocation with one login each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeskApplicationTest {

    private static final SandboxServer SANDBOX = start();
    private static final SandboxServer.ApiApp APP = SandboxServer.DEFAULT_APPS.get(0);
    private static final AtomicBoolean CREDENTIALS = new AtomicBoolean(true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SandboxServer start() {
        try {
            return SandboxServer.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @DynamicPropertySource
    static void samco(DynamicPropertyRegistry registry) throws Exception {
        registry.add("samco.auth.base-url", SANDBOX::url);
        var state = "file:" + Files.createTempDirectory("desk-samco");
        registry.add("samco.auth.store", () -> state);
    }

    /** The desk's vault: the dashboard's app, until it is withdrawn. */
    @TestConfiguration
    static class Vault {
        @Bean
        SamcoAuthBuilderCustomizer vault() {
            return builder -> builder.apiCredentials(() -> CREDENTIALS.get()
                    ? ApiCredentials.of(APP.apiKey(), APP.apiSecret()).toOption()
                    : Option.none());
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    SamcoSessionInterceptor interceptor;

    @Autowired
    SamcoSessionFilter filter;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var read = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        var body = read.isObject() ? (com.fasterxml.jackson.databind.node.ObjectNode) read : JSON.createObjectNode();
        body.put("httpStatus", response.statusCode());
        return body;
    }

    @Test
    void givenTheDesk_whenSamcoRevokesAndTheCredentialsGo_thenHealthMetricsAndClientsSayAndDoTheRightThing()
            throws Exception {
        var health = get("/actuator/health");
        var samco = health.path("components").path("samco");
        assertThat(samco.path("status").asText()).as(health.toString()).isEqualTo("UP");
        var dv = samco.path("details").path("DV99999");
        assertThat(dv.path("method").asText()).isEqualTo("api-key");
        assertThat(dv.path("expiresAt").asText()).isNotEmpty();
        assertThat(dv.path("staticIp").asText()).isIn("registered", "not registered");
        var first = SANDBOX.latestToken("DV99999").orElseThrow();
        assertThat(health.toString()).doesNotContain(first).doesNotContain(APP.apiSecret());
        assertThat(SANDBOX.loginCount("DV99999")).isEqualTo(1);

        var rest = RestClient.builder().baseUrl(SANDBOX.url()).requestInterceptor(interceptor).build();
        assertThat(rest.get().uri("/ip/whoami").retrieve().body(String.class)).contains("Success");
        SANDBOX.revokeAll();
        assertThat(rest.get().uri("/ip/whoami").retrieve().body(String.class))
                .as("answered after one renewal")
                .contains("Success");
        assertThat(SANDBOX.loginCount("DV99999")).isEqualTo(2);

        var web = WebClient.builder().baseUrl(SANDBOX.url()).filter(filter).build();
        assertThat(web.get().uri("/ip/whoami").retrieve().bodyToMono(String.class).block())
                .contains("Success");
        SANDBOX.revokeAll();
        assertThat(web.get().uri("/ip/whoami").retrieve().bodyToMono(String.class).block())
                .as("answered after one renewal")
                .contains("Success");
        assertThat(SANDBOX.loginCount("DV99999")).isEqualTo(3);

        var names = get("/actuator/metrics").path("names").toString();
        assertThat(names)
                .contains("samco.auth.requests")
                .contains("samco.auth.renewals")
                .contains("samco.auth.session.remaining");
        var logins = get("/actuator/metrics/samco.auth.requests?tag=endpoint:session-token&tag=outcome:success");
        assertThat(logins.path("measurements").get(0).path("value").asDouble()).isEqualTo(3);
        var renewals = get("/actuator/metrics/samco.auth.renewals?tag=outcome:success");
        assertThat(renewals.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(2);

        // the vault withdraws the app, Samco revokes everything: the next call sees the 401, health says DOWN
        CREDENTIALS.set(false);
        SANDBOX.revokeAll();
        try {
            rest.get().uri("/ip/whoami").retrieve().body(String.class);
            throw new AssertionError("a 401 was expected");
        } catch (HttpClientErrorException.Unauthorized expected) {
            // the second 401 is the application's
        }
        var down = get("/actuator/health");
        assertThat(down.path("httpStatus").asInt()).isEqualTo(503);
        var samcoDown = down.path("components").path("samco");
        assertThat(samcoDown.path("status").asText()).isEqualTo("DOWN");
        assertThat(samcoDown.path("details").path("DV99999").path("reason").asText()).isNotEmpty();
        assertThat(SANDBOX.loginCount("DV99999")).isEqualTo(3);
    }
}
