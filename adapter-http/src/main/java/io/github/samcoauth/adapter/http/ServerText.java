package io.github.samcoauth.adapter.http;

import io.github.samcoauth.domain.SafeText;
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

    /** {@code raw} without controls or format characters, on one line, cut to {@code max} characters. */
    static String clean(String raw, int max) {
        return SafeText.oneLine(raw, max);
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
}
