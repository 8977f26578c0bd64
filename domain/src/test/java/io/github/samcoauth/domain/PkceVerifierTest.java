package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class PkceVerifierTest {

    @Test
    void givenRfc7636AppendixB_whenTheChallengeIsMade_thenItIsTheRfcsValue() {
        var verifier =
                PkceVerifier.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").get();
        assertThat(verifier.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(PkceVerifier.METHOD).isEqualTo("S256");
    }

    @Test
    void givenFreshVerifiers_whenMade_thenEach43UrlSafeCharactersFromItsOwn32BytesWithA43CharacterChallenge() {
        var random = new SecureRandom();
        var seen = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            var verifier = PkceVerifier.fresh(random);
            assertThat(verifier.value()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(verifier.challenge()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(verifier.value())).isTrue();
        }
    }

    @Test
    void givenTextThatIsNoVerifier_whenRead_thenTypedErrorsAndTheConstructorRefusesIt() {
        assertThat(PkceVerifier.of(null).getLeft()).isInstanceOf(DomainError.Blank.class);
        assertThat(PkceVerifier.of("short").getLeft()).isInstanceOf(DomainError.Malformed.class);
        assertThat(PkceVerifier.of("a".repeat(129)).getLeft()).isInstanceOf(DomainError.Malformed.class);
        assertThat(PkceVerifier.of("a".repeat(42) + "+").getLeft()).isInstanceOf(DomainError.Malformed.class);
        assertThat(PkceVerifier.of("a".repeat(43)).isRight()).isTrue();
        assertThat(PkceVerifier.of("aZ09-._~".repeat(16)).isRight()).isTrue();
        assertThatThrownBy(() -> new PkceVerifier("a".repeat(42))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAVerifier_whenPrinted_thenItsValueNeverShows() {
        var verifier = PkceVerifier.fresh(new SecureRandom());
        assertThat(verifier.toString()).isEqualTo("PkceVerifier[***]").doesNotContain(verifier.value());
    }
}
