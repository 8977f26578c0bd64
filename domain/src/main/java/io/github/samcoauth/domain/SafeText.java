package io.github.samcoauth.domain;

/**
 * The one rule for text that came from outside (a server, a file, a user) before anything prints,
 * logs or stores it: no C0 or C1 control character and no Unicode format character (bidirectional
 * marks, embeddings, overrides and isolates among them). Such text then cannot clear a terminal,
 * set its title, move its cursor, hide text or reorder what a person reads, in a terminal or in a
 * log viewer.
 */
public final class SafeText {

    private SafeText() {}

    /**
     * True for a character no output may carry: ISO controls (C0, DEL, C1) and format characters (Cf).
     *
     * @param c a code point
     * @return {@code true} when no output may carry it
     */
    public static boolean isUnsafe(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    /**
     * True when {@code text} holds no unsafe character, newline and tab aside.
     *
     * @param text the text to check
     * @return {@code true} when it may be shown as it is
     */
    public static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c != '\n' && c != '\t' && isUnsafe(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * {@code text} without unsafe characters; newline and tab are kept (lines of a terminal). Code
     * point by code point: the invisible tag characters (U+E0000 to U+E007F) are format characters
     * too, and a lone surrogate is kept as it is.
     *
     * @param text the text to show, from anywhere
     * @return the text, safe for a terminal
     */
    public static String forDisplay(String text) {
        if (text == null) {
            return "";
        }
        if (isSafe(text)) {
            return text;
        }
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\n' || c == '\t' || !isUnsafe(c)) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /**
     * {@code raw} on one line: tab, newline and carriage return become spaces, other unsafe
     * characters are dropped, and the result is cut to {@code max} characters (the last an ellipsis).
     *
     * @param raw the text to show, from anywhere
     * @param max the most characters kept
     * @return one safe line of at most {@code max} characters
     */
    public static String oneLine(String raw, int max) {
        if (raw == null) {
            return "";
        }
        if (raw.length() <= max && isOneLine(raw)) {
            return raw;
        }
        var out = new StringBuilder(Math.min(raw.length(), max + 1));
        for (int i = 0; i < raw.length() && out.length() <= max; ) {
            int c = raw.codePointAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else if (!isUnsafe(c)) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.length() > max ? out.substring(0, max - 1) + "…" : out.toString();
    }

    private static boolean isOneLine(String raw) {
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (isUnsafe(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
