package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void givenTerminalAndBidiControls_whenCleanedForDisplay_thenGoneAndNewlinesKept() {
        var hostile = "a\u001b[2Jb\u009b31mc\u202ed\u2066e\u200ef\u061cg\u00adh\u200di\u007fj\nk\tl";
        assertThat(SafeText.forDisplay(hostile)).isEqualTo("a[2Jb31mcdefghij\nk\tl");
        assertThat(SafeText.isSafe(hostile)).isFalse();
        assertThat(SafeText.isSafe("plain text, ₹ 100 and 😀\n")).isTrue();
        assertThat(SafeText.forDisplay(null)).isEmpty();
    }

    @Test
    void givenLongTextWithLineBreaks_whenMadeOneLine_thenBreaksAreSpacesAndItIsCut() {
        assertThat(SafeText.oneLine("a\nb\rc\td\u009b", 10)).isEqualTo("a b c d");
        assertThat(SafeText.oneLine("x".repeat(20), 10)).hasSize(10).endsWith("…");
        assertThat(SafeText.oneLine("exactly10!", 10)).isEqualTo("exactly10!");
        assertThat(SafeText.oneLine(null, 10)).isEmpty();
    }

    @Property
    void anyTextCleanedForDisplayHoldsNoControlOrFormatCharacterButNewlineAndTab(@ForAll String text) {
        var clean = SafeText.forDisplay(text);
        clean.codePoints()
                .forEach(c -> assertThat(c == '\n' || c == '\t' || !SafeText.isUnsafe(c))
                        .as("U+%04X", c)
                        .isTrue());
        assertThat(SafeText.isSafe(clean)).isTrue();
        assertThat(SafeText.forDisplay(clean)).isSameAs(clean);
    }

    @Property
    void anyTextMadeOneLineIsShortEnoughAndHoldsNoUnsafeCharacter(@ForAll String text) {
        var line = SafeText.oneLine(text, 50);
        assertThat(line.length()).isLessThanOrEqualTo(50);
        line.chars()
                .forEach(c -> assertThat(SafeText.isUnsafe(c)).as("U+%04X", c).isFalse());
    }

    @Test
    void givenSupplementaryCharacters_whenCleaned_thenPairsKeptWholeAndInvisibleTagsDropped() {
        var emoji = "\uD83D\uDE00";
        var tagA = "\uDB40\uDC41"; // U+E0041, an invisible tag character
        assertThat(SafeText.forDisplay("a" + emoji + tagA + "b")).isEqualTo("a" + emoji + "b");
        assertThat(SafeText.isSafe(tagA)).isFalse();
        assertThat(SafeText.oneLine("a" + tagA + emoji, 10)).isEqualTo("a" + emoji);
        assertThat(SafeText.oneLine(tagA, 10)).isEmpty();
        assertThat(SafeText.oneLine("abcdefghijk", 10)).isEqualTo("abcdefghi…");
        assertThat(SafeText.oneLine("abcdefghij\u009b", 10)).isEqualTo("abcdefghij");
        assertThat(SafeText.oneLine("a\u009b", 1)).isEqualTo("a");
    }
}
