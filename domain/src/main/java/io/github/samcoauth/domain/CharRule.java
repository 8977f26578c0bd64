package io.github.samcoauth.domain;

/**
 * "{@code min} to {@code max} characters, each one of these ASCII ranges": what a one-class regular
 * expression such as {@code [A-Z0-9]{3,16}} says, checked in one pass over the characters. The value
 * objects are checked on every answer from Samco, twice (factory and constructor); a regex match
 * costs several times as much.
 */
final class CharRule {

    private final int min;
    private final int max;
    /** Bit {@code c % 64} of {@code low} (characters 0 to 63) or {@code high} (64 to 127) set: {@code c} is allowed. */
    private final long low;

    private final long high;

    /**
     * {@code ranges}: pairs of first and last character, {@code "AZ09"} for {@code [A-Z0-9]}; only
     * ASCII.
     */
    CharRule(int min, int max, String ranges) {
        if (min < 0 || max < min || ranges.length() % 2 != 0) {
            throw new IllegalArgumentException("a rule needs 0 <= min <= max and pairs of characters");
        }
        long lowBits = 0;
        long highBits = 0;
        for (int i = 0; i < ranges.length(); i += 2) {
            char first = ranges.charAt(i);
            char last = ranges.charAt(i + 1);
            if (last >= 128 || first > last) {
                throw new IllegalArgumentException("not an ASCII range: " + first + last);
            }
            for (char c = first; c <= last; c++) {
                // a long shift uses the low six bits of its distance: 1L << c is bit c % 64
                if (c < 64) {
                    lowBits |= 1L << c;
                } else {
                    highBits |= 1L << c;
                }
            }
        }
        this.min = min;
        this.max = max;
        this.low = lowBits;
        this.high = highBits;
    }

    boolean test(String value) {
        if (value == null || value.length() < min || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allows(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    boolean allows(char c) {
        if (c >= 128) {
            return false;
        }
        long bits = c < 64 ? low : high;
        return (bits & (1L << c)) != 0;
    }
}
