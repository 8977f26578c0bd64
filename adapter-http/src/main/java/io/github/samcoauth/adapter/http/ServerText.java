package io.github.samcoauth.adapter.http;

import io.vavr.control.Option;

/**
 * Text that came from the network, made safe before anything stores, logs or prints it: no C0 or C1
 * control characters (a server must not clear a terminal, set its title, move its cursor or hide
 * text), no bidirectional overrides (it must not reorder what a user reads), and a length cap (it
 * must not flood a journal or a screen).
 */
final class ServerText {

    /** Samco's sentences are short; this leaves room for any real one. */
    static final int MAX_MESSAGE = 300;

    static final int MAX_MSG_ID = 64;

    private ServerText() {}

    /** {@code raw} without controls or bidi overrides, cut to {@code max} characters (with an ellipsis). */
    static String clean(String raw, int max) {
        if (raw == null) {
            return "";
        }
        if (raw.length() <= max && isClean(raw)) {
            return raw; // what Samco sends nearly always
        }
        // char by char: surrogates are neither controls nor marks, so pairs pass through whole
        var out = new StringBuilder(Math.min(raw.length(), max + 1));
        for (int i = 0; i < raw.length() && out.length() <= max; i++) {
            char c = raw.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.length() > max ? out.substring(0, max - 1) + "…" : out.toString();
    }

    private static boolean isClean(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (isControl(raw.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String message(String raw) {
        return clean(raw, MAX_MESSAGE);
    }

    /**
     * Samco's {@code msgId}, which users quote to support: letters, digits and {@code ._:-}, at most
     * 64; anything else is not a message id and is dropped.
     */
    static Option<String> msgId(String raw) {
        if (raw == null) {
            return Option.none();
        }
        var id = raw.strip();
        if (id.isEmpty() || id.length() > MAX_MSG_ID) {
            return Option.none();
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isMsgIdChar(id.charAt(i))) {
                return Option.none();
            }
        }
        return Option.some(id);
    }

    private static boolean isMsgIdChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == ':'
                || c == '-';
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) // C0, DEL, C1
                || c == 0x061C // Arabic letter mark
                || c == 0x200E
                || c == 0x200F // left-to-right and right-to-left marks
                || (c >= 0x202A && c <= 0x202E) // embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069); // isolates
    }
}
