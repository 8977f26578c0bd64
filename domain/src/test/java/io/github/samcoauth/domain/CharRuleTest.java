package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A {@link CharRule} says exactly what the one-class regular expression it replaces says. */
class CharRuleTest {

    // made per test, not in a static initializer, so that mutation testing sees the constructor run
    private final CharRule clientCode = new CharRule(3, 16, "AZ09");
    private final CharRule state = new CharRule(16, 128, "AZaz09__--");
    private final CharRule secret = new CharRule(8, 4096, "!~");
    private static final Pattern CLIENT_CODE_REGEX = Pattern.compile("[A-Z0-9]{3,16}");
    private static final Pattern STATE_REGEX = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern SECRET_REGEX = Pattern.compile("[\\x21-\\x7E]{8,4096}");

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withCharRange(' ', '\u0080').ofMaxLength(140),
                Arbitraries.strings().withChars("AZaz09_-@[`{/:\u007f ").ofMaxLength(140),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(4090).ofMaxLength(4100));
    }

    @Property(tries = 3000)
    void agreesWithTheRegex(@ForAll("texts") String text) {
        assertThat(clientCode.test(text))
                .isEqualTo(CLIENT_CODE_REGEX.matcher(text).matches());
        assertThat(state.test(text)).isEqualTo(STATE_REGEX.matcher(text).matches());
        assertThat(secret.test(text)).isEqualTo(SECRET_REGEX.matcher(text).matches());
    }

    @Test
    void givenTheEdgesOfEveryRange_whenTested_thenOnlyTheRangeAllowed() {
        // the characters on either side of each range, and both ends of the 64-bit halves
        assertThat("@[`{/:".chars().anyMatch(c -> state.allows((char) c))).isFalse();
        assertThat("AZaz09_-".chars().allMatch(c -> state.allows((char) c))).isTrue();
        assertThat(secret.allows(' ')).isFalse();
        assertThat(secret.allows('!')).isTrue();
        assertThat(secret.allows('~')).isTrue();
        assertThat(secret.allows('\u007f')).isFalse();
        assertThat(secret.allows('\u0000')).isFalse();
        assertThat(secret.allows('\u00a1')).isFalse();
        assertThat(secret.allows((char) ('!' + 128))).isFalse();
        assertThat(secret.allows('@')).isTrue();
        assertThat(secret.allows('?')).isTrue();
        assertThat(secret.allows('\u0080')).isFalse();
        assertThat(secret.allows('\u00c0')).isFalse();
        assertThat(clientCode.allows('@')).isFalse();
        assertThat(clientCode.allows('\u0000')).isFalse();
        assertThat(clientCode.allows('\u0080')).isFalse();
        assertThat(new CharRule(0, 1, "@@").allows('\u0000')).isFalse();
        assertThat(new CharRule(0, 1, "@@").allows('@')).isTrue();
        assertThat(new CharRule(0, 1, "??").allows('?')).isTrue();
        assertThat(new CharRule(0, 1, "??").allows('\u007f')).isFalse();
        assertThat(Text.OPAQUE_SECRET.test("!".repeat(8))).isTrue();
        assertThat(new CharRule(0, 1, "\u0000\u0000").allows('\u0000')).isTrue();
        assertThat(new CharRule(0, 1, "\u007f\u007f").allows('\u007f')).isTrue();
        assertThat(new CharRule(0, 1, "\u007f\u007f").allows('\u00ff')).isFalse();
    }

    @Test
    void givenTheLengthBounds_whenTested_thenBothEndsIncluded() {
        assertThat(clientCode.test("AB")).isFalse();
        assertThat(clientCode.test("ABC")).isTrue();
        assertThat(clientCode.test("A".repeat(16))).isTrue();
        assertThat(clientCode.test("A".repeat(17))).isFalse();
        assertThat(clientCode.test(null)).isFalse();
        assertThat(new CharRule(0, 0, "").test("")).isTrue();
    }

    @Test
    void givenABadRule_whenMade_thenRefused() {
        assertThatThrownBy(() -> new CharRule(-1, 3, "AZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CharRule(4, 3, "AZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CharRule(1, 3, "AZ0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CharRule(1, 3, "ZA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CharRule(1, 3, "A\u0080")).isInstanceOf(IllegalArgumentException.class);
    }
}
