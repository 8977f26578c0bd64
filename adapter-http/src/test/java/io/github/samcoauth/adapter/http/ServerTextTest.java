package io.github.samcoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerText} cleans text char by char with a fast path for clean text; it must say exactly
 * what the code-point-by-code-point rule says (kept here as the reference).
 */
class ServerTextTest {

    private static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    /**
     * The rule, written plainly: code point by code point, through a builder every time; C0, C1 and
     * every format character (bidi marks and overrides, isolates, tag characters) dropped.
     */
    private static String reference(String raw, int max) {
        if (raw == null) {
            return "";
        }
        var out = new StringBuilder();
        raw.codePoints().forEach(c -> {
            if (out.length() <= max) {
                if (c == '\t' || c == '\n' || c == '\r') {
                    out.append(' ');
                } else if (!(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                    out.appendCodePoint(c);
                }
            }
        });
        return out.length() > max ? out.substring(0, max - 1) + "…" : out.toString();
    }

    private static Option<String> referenceMsgId(String raw) {
        return Option.of(raw)
                .map(String::strip)
                .filter(m -> !m.isEmpty()
                        && m.length() <= ServerText.MAX_MSG_ID
                        && MSG_ID.matcher(m).matches());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings()
                        .withChars(
                                "ab \t\n\r\u0000\u001b\u007f\u0085\u009b\u061c\u200e\u200f\u202a\u202e\u2066\u2069é漢")
                        .withChars("\uD83D\uDE00\uD800\uDB40\uDC41\u00ad\u200d")
                        .ofMaxLength(80),
                Arbitraries.strings().withChars("Az09._:- /@\u00e9").ofMaxLength(70));
    }

    @Property(tries = 3000)
    void cleansAsTheReferenceDoes(@ForAll("texts") String raw, @ForAll @IntRange(min = 1, max = 40) int max) {
        assertThat(ServerText.clean(raw, max)).isEqualTo(reference(raw, max));
    }

    @Property(tries = 2000)
    void readsMessageIdsAsTheReferenceDoes(@ForAll("texts") String raw) {
        assertThat(ServerText.msgId(raw)).isEqualTo(referenceMsgId(raw));
    }

    @Test
    void givenCleanText_whenCleaned_thenTheSameStringComesBack() {
        var clean = "OTP sent to your registered mobile";
        assertThat(ServerText.clean(clean, 300)).isSameAs(clean);
        assertThat(ServerText.clean("x".repeat(300), 300)).isEqualTo("x".repeat(300));
        assertThat(ServerText.clean("x".repeat(301), 300)).isEqualTo("x".repeat(299) + "…");
    }

    @Test
    void givenMessageIdsAtTheEdges_whenRead_thenOnlyWellFormedOnesKept() {
        assertThat(ServerText.msgId(null)).isEmpty();
        assertThat(ServerText.msgId("  ")).isEmpty();
        assertThat(ServerText.msgId(" a-b_c.d:E9 ")).contains("a-b_c.d:E9");
        assertThat(ServerText.msgId("a".repeat(64))).contains("a".repeat(64));
        assertThat(ServerText.msgId("a".repeat(65))).isEmpty();
        assertThat(ServerText.msgId("a/b")).isEmpty();
        assertThat(ServerText.msgId("@")).isEmpty();
        assertThat(ServerText.msgId("[")).isEmpty();
        assertThat(ServerText.msgId("`")).isEmpty();
        assertThat(ServerText.msgId("{")).isEmpty();
    }
}
