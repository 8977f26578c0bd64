package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginTest {

    @ParameterizedTest
    @CsvSource({
        "https://tradeapi.samco.in, https://tradeapi.samco.in",
        "https://tradeapi.samco.in/, https://tradeapi.samco.in",
        "HTTPS://TradeAPI.Samco.IN:443/v1?x=1, https://tradeapi.samco.in",
        "https://tradeapi.samco.in:8443, https://tradeapi.samco.in:8443",
        "http://127.0.0.1:41234, http://127.0.0.1:41234",
        "http://127.0.0.1:80/, http://127.0.0.1",
        "http://[::1]:8765/callback, http://[::1]:8765",
        "http://localhost, http://localhost",
        "http://A.b-C:1, http://a.b-c:1",
        "http://x:65535, http://x:65535",
        "https://x:00443, https://x",
        "http://[::1]:, http://[::1]",
        "http://[::FFFF:127.0.0.1]:9/, http://[::ffff:127.0.0.1]:9"
    })
    void givenBaseUrls_whenRead_thenOneOriginPerSchemeHostAndPort(String url, String origin) {
        assertThat(Origin.of(url).get().toString()).isEqualTo(origin);
        assertThat(Origin.of(origin).get()).isEqualTo(Origin.of(url).get());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://host",
                "tradeapi.samco.in",
                "https://",
                "https://user:pw@host",
                "https://host:0",
                "https://host:65536",
                "https://host:port",
                "https://ho st",
                "http://[::1",
                "http://[zz]:80",
                "https://host:123456",
                "http://a`b",
                "http://a{b",
                "http://a[b",
                "http://a_b",
                "http://[g::1]:80",
                "http://[::1]x",
                "http://[::1]:8x",
                "http://[]:80",
                "http://:80"
            })
    void givenTextThatIsNoOrigin_whenRead_thenMalformed(String url) {
        assertThat(Origin.of(url).getLeft()).isInstanceOf(DomainError.Malformed.class);
    }

    @Test
    void givenNothing_whenRead_thenBlankAndTheDefaultIsSamcosProductionApi() {
        assertThat(Origin.of(" ").getLeft()).isInstanceOf(DomainError.Blank.class);
        assertThat(Origin.of(null).getLeft()).isInstanceOf(DomainError.Blank.class);
        assertThat(Origin.DEFAULT.toString()).isEqualTo("https://tradeapi.samco.in");
    }

    @Test
    void givenASession_whenMovedToAnOrigin_thenOnlyItsOriginChanges() {
        var session = Session.issue(
                SessionToken.of("0123456789abcdef0123456789abcdef").get(),
                AccountProfile.of("DV99999", "NAME", java.util.List.of("NSE"), java.util.List.of(), java.util.List.of())
                        .get(),
                java.time.Instant.parse("2025-01-13T04:40:40Z"));
        assertThat(session.origin()).isEqualTo(Origin.DEFAULT);
        var sandbox = Origin.of("http://127.0.0.1:41234").get();
        var moved = session.at(sandbox);
        assertThat(moved.origin()).isEqualTo(sandbox);
        assertThat(moved.token()).isEqualTo(session.token());
        assertThat(moved.at(sandbox)).isSameAs(moved);
        assertThat(moved.toString()).contains("origin=http://127.0.0.1:41234").doesNotContain("0123456789abcdef");
    }

    @Test
    void givenPortsAtTheEdges_whenMade_thenOneTo65535Only() {
        assertThat(new Origin("http", "h", 1).port()).isEqualTo(1);
        assertThat(new Origin("https", "h", 65535).port()).isEqualTo(65535);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Origin("http", "h", 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Origin("http", "h", 65536))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Origin("ftp", "h", 21))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Origin("http", "", 80))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Origin("http", "h", 80).toString()).isEqualTo("http://h");
        assertThat(new Origin("http", "h", 443).toString()).isEqualTo("http://h:443");
        assertThat(new Origin("https", "h", 80).toString()).isEqualTo("https://h:80");
    }
}
