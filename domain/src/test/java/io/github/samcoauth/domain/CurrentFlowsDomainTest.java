package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of Samco's current flows: API credentials, how a session was made, a JWT's expiry. */
class CurrentFlowsDomainTest {

    private static final Instant ISSUED = Instant.parse("2025-01-13T04:40:40Z"); // 10:10:40 IST
    private static final Instant CUTOFF = Instant.parse("2025-01-14T02:30:00Z"); // 08:00 IST next day
    private static final AccountProfile PROFILE = AccountProfile.of(
                    "DV99999", "A", List.of("NSE"), List.of("L"), List.of("CNC"))
            .get();

    private static String jwt(String payload) {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static Instant expiry(String token) {
        return Session.issue(SessionToken.of(token).get(), PROFILE, ISSUED, LoginMethod.API_KEY)
                .expiresAt();
    }

    @Test
    void givenAJwtThatEndsBeforeTheRules_whenIssued_thenItsExpWins() {
        var exp = ISSUED.plusSeconds(600);
        assertThat(expiry(jwt("{\"sub\":\"DV99999\",\"exp\":" + exp.getEpochSecond() + "}")))
                .isEqualTo(exp);
    }

    @Test
    void givenAJwtThatEndsAfterTheRules_whenIssued_thenTheRulesWin() {
        assertThat(expiry(jwt("{\"exp\":" + CUTOFF.plusSeconds(3600).getEpochSecond() + "}")))
                .isEqualTo(CUTOFF);
    }

    @Test
    void givenTokensThatAreNotUsableJwts_whenIssued_thenTheRulesAlone() {
        assertThat(expiry("f4b8ec1dcc1e9486f723cb5fcba16859")).isEqualTo(CUTOFF);
        assertThat(expiry(jwt("{\"sub\":\"no exp\"}"))).isEqualTo(CUTOFF);
        assertThat(expiry(jwt("{\"exp\":\"soon\"}"))).isEqualTo(CUTOFF);
        assertThat(expiry("aaaa.!!!!.bbbb")).isEqualTo(CUTOFF);
        assertThat(expiry(jwt("{\"exp\":" + ISSUED.minusSeconds(5).getEpochSecond() + "}")))
                .as("a claim in the past is a clock that disagrees")
                .isEqualTo(CUTOFF);
    }

    @Test
    void givenApiCredentials_whenMadeAndPrinted_thenKeptExactlyAndNeverShown() {
        var key = ApiKey.of(" U2FsdGVkX1+key/== ").get();
        assertThat(key.value()).isEqualTo("U2FsdGVkX1+key/==");
        assertThat(key.toString()).isEqualTo("ApiKey[***]");
        assertThat(ApiSecret.of("U2FsdGVkX1+secret").get().toString()).isEqualTo("ApiSecret[***]");
        assertThat(ApiKey.of("short")).isLeft();
        assertThat(ApiSecret.of("has a space in it")).isLeft();
        assertThat(ApiSecret.of(null).getLeft().message()).isEqualTo("API secret is required");
    }

    @Test
    void givenLoginMethods_whenLabelled_thenStableNamesBothWays() {
        for (var method : LoginMethod.values()) {
            assertThat(LoginMethod.of(method.label())).isEqualTo(Either.right(method));
        }
        assertThat(LoginMethod.API_KEY.label()).isEqualTo("api-key");
        assertThat(LoginMethod.of("password")).isLeft();
        assertThat(Session.issue(
                                SessionToken.of("f4b8ec1dcc1e9486f723cb5fcba16859")
                                        .get(),
                                PROFILE,
                                ISSUED)
                        .method())
                .isEqualTo(LoginMethod.LOGIN_CODE);
    }
}
