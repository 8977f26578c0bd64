package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of the OAuth flow: state, codes, refresh tokens, and sessions that carry one. */
class OAuthValuesTest {

    private static final Instant ISSUED = Instant.parse("2025-01-13T04:40:40Z"); // 10:10:40 IST
    private static final Instant CUTOFF = Instant.parse("2025-01-14T02:30:00Z");
    private static final AccountProfile PROFILE = AccountProfile.of(
                    "DV99999", "A", List.of("NSE"), List.of("L"), List.of("CNC"))
            .get();
    private static final SessionToken TOKEN =
            SessionToken.of("f4b8ec1dcc1e9486f723cb5fcba16859").get();
    private static final RefreshGrant REFRESH =
            new RefreshGrant(RefreshToken.of("rt_0123456789abcdef").get(), ISSUED.plus(Duration.ofDays(7)));

    @Test
    void givenFreshStates_whenMade_thenRandomUrlSafeAndOnlyEqualToThemselves() {
        var random = new SecureRandom();
        var first = OAuthState.fresh(random);
        var second = OAuthState.fresh(random);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.matches(first.value())).isTrue();
        assertThat(first.matches(second.value())).isFalse();
        assertThat(first.matches(first.value() + "x")).isFalse();
        assertThat(first.matches(null)).isFalse();
        assertThat(first.toString()).isEqualTo("OAuthState[***]").doesNotContain(first.value());
    }

    @Test
    void givenRawStates_whenParsed_thenUrlSafeOnly() {
        assertThat(OAuthState.of("state-of-this-login-0001").map(OAuthState::value))
                .isEqualTo(io.vavr.control.Either.right("state-of-this-login-0001"));
        assertThat(OAuthState.of("short")).isLeft();
        assertThat(OAuthState.of("has spaces in the state value")).isLeft();
        assertThatThrownBy(() -> new OAuthState("no good")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OAuthState(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenCodesAndRefreshTokens_whenMadeAndPrinted_thenKeptExactlyAndNeverShown() {
        var code = AuthorizationCode.of(" auth-code-0001 ").get();
        assertThat(code.value()).isEqualTo("auth-code-0001");
        assertThat(code.toString()).isEqualTo("AuthorizationCode[***]");
        assertThat(AuthorizationCode.of("short")).isLeft();
        assertThatThrownBy(() -> new AuthorizationCode("a b")).isInstanceOf(IllegalArgumentException.class);
        var refresh = RefreshToken.of("rt_0123456789abcdef").get();
        assertThat(refresh.toString()).isEqualTo("RefreshToken[***]");
        assertThat(RefreshToken.of(null)).isLeft();
        assertThatThrownBy(() -> new RefreshToken("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiKey("tiny")).isInstanceOf(IllegalArgumentException.class);
        assertThat(REFRESH.toString()).doesNotContain("rt_0123").contains("expiresAt=2025-01-20T04:40:40Z");
    }

    @Test
    void givenARefreshGrant_whenAskedOverTime_thenValidUntilItsExpiry() {
        assertThat(REFRESH.isValidAt(ISSUED)).isTrue();
        assertThat(REFRESH.isValidAt(ISSUED.plus(Duration.ofDays(7)))).isFalse();
        assertThat(REFRESH.isValidAt(ISSUED.plus(Duration.ofDays(7)).minusMillis(1)))
                .isTrue();
    }

    @Test
    void givenAnOAuthGrant_whenIssued_thenItsExpiresInWinsOnlyWhenEarlierAndItKeepsItsRefreshToken() {
        var soon = Session.issueOAuth(TOKEN, PROFILE, ISSUED, ISSUED.plus(Duration.ofHours(1)), REFRESH);
        assertThat(soon.expiresAt()).isEqualTo(ISSUED.plus(Duration.ofHours(1)));
        assertThat(soon.method()).isEqualTo(LoginMethod.OAUTH);
        assertThat(soon.refresh()).isEqualTo(Option.some(REFRESH));
        assertThat(Session.issueOAuth(TOKEN, PROFILE, ISSUED, ISSUED.plus(Duration.ofDays(2)), REFRESH)
                        .expiresAt())
                .isEqualTo(CUTOFF);
        assertThat(Session.issueOAuth(TOKEN, PROFILE, ISSUED, ISSUED, REFRESH).expiresAt())
                .as("an expires_in of nothing is a clock that disagrees")
                .isEqualTo(CUTOFF);
        assertThat(soon.toString()).doesNotContain("rt_0123");
    }

    @Test
    void givenStoredSessions_whenReadBack_thenOnlyOAuthSessionsHaveARefreshToken() {
        assertThat(Session.of(TOKEN, PROFILE, ISSUED, CUTOFF, LoginMethod.OAUTH, Option.some(REFRESH))
                        .get()
                        .refresh())
                .isEqualTo(Option.some(REFRESH));
        assertThat(Session.of(TOKEN, PROFILE, ISSUED, CUTOFF, LoginMethod.API_KEY)
                        .get()
                        .method())
                .isEqualTo(LoginMethod.API_KEY);
        assertThat(Session.of(TOKEN, PROFILE, ISSUED, CUTOFF, LoginMethod.OAUTH, Option.none())
                        .getLeft()
                        .code())
                .isEqualTo("inconsistent");
        assertThat(Session.of(TOKEN, PROFILE, ISSUED, CUTOFF, LoginMethod.API_KEY, Option.some(REFRESH))
                        .getLeft()
                        .field())
                .isEqualTo("refresh token");
        assertThat(Session.of(TOKEN, PROFILE, ISSUED, CUTOFF, null, Option.none()))
                .isLeft();
    }

    @Test
    void givenAJwtWithPaddedSegments_whenItsExpiryIsRead_thenThePaddingIsIgnored() {
        var exp = ISSUED.plusSeconds(600).getEpochSecond();
        var payload =
                Base64.getUrlEncoder().encodeToString(("{\"exp\": " + exp + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(payload).endsWith("=");
        var token = SessionToken.of("eyJhbGciOiJIUzI1NiJ9." + payload + ".c2ln").get();
        assertThat(Jwt.expiry(token)).isEqualTo(Option.some(Instant.ofEpochSecond(exp)));
        var unpadded = SessionToken.of("eyJhbGciOiJIUzI1NiJ9." + payload.replace("=", "") + ".c2ln")
                .get();
        assertThat(Jwt.expiry(unpadded)).isEqualTo(Option.some(Instant.ofEpochSecond(exp)));
    }

    @Test
    void givenServerTimesFromAHostileServer_whenParsed_thenPrintableAsciiOnlyAndBounded() {
        assertThat(ServerTime.parse("13/01/25\u001b[2J 10:10:40").raw()).isEqualTo("13/01/25[2J 10:10:40");
        assertThat(ServerTime.parse("1".repeat(1000)).raw()).hasSize(32);
        assertThat(ServerTime.parse("13/01/25 10:10:40\u007f~").raw()).isEqualTo("13/01/25 10:10:40~");
        assertThat(ServerTime.parse(" 13/01/25 10:10:40 ").instant()).isEqualTo(Option.some(ISSUED));
    }
}
