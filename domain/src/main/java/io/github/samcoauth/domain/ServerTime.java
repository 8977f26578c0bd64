package io.github.samcoauth.domain;

import io.vavr.control.Option;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * Samco's {@code serverTime}: {@code dd/MM/yy HH:mm:ss}, India time. Kept as text always, and as
 * an instant when it parses: a time Samco formats differently is information, not a failure.
 *
 * @param instant the time, when {@code raw} parses
 * @param raw the time as Samco wrote it (printable ASCII)
 */
public record ServerTime(String raw, Option<Instant> instant) {

    /** How Samco writes it; made on first use (the JDK's formatters take milliseconds to set up). */
    private static final class Format {
        static final DateTimeFormatter SAMCO =
                DateTimeFormatter.ofPattern("dd/MM/uu HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * Checks that no part is missing.
     *
     * @param raw the time as Samco wrote it (printable ASCII)
     * @param instant the time, when {@code raw} parses
     */
    public ServerTime {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(instant, "instant");
    }

    /** Samco's times are 17 characters; the text of anything else is kept to this many. */
    static final int MAX_RAW = 32;

    /**
     * Never fails: null becomes empty text, an unparseable time is kept as text only, and the text
     * keeps printable ASCII only, at most {@value #MAX_RAW} characters (it came from the network).
     *
     * @param raw the {@code serverTime} as Samco sent it, or {@code null}
     * @return the time, as text and when it parses as an instant
     */
    public static ServerTime parse(String raw) {
        var text = printable(raw);
        return new ServerTime(text, instantOf(text));
    }

    private static String printable(String raw) {
        if (raw == null) {
            return "";
        }
        var stripped = raw.strip();
        var text = new StringBuilder(Math.min(stripped.length(), MAX_RAW));
        for (int i = 0; i < stripped.length() && text.length() < MAX_RAW; i++) {
            char c = stripped.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                text.append(c);
            }
        }
        return text.toString();
    }

    /**
     * {@code dd/MM/yy HH:mm:ss} read field by field (years 2000 to 2099), as strictly as the
     * formatter would and without its cost: a login reads one on every answer.
     */
    private static Option<Instant> instantOf(String text) {
        if (text.length() != 17
                || text.charAt(2) != '/'
                || text.charAt(5) != '/'
                || text.charAt(8) != ' '
                || text.charAt(11) != ':'
                || text.charAt(14) != ':') {
            return Option.none();
        }
        int day = twoDigits(text, 0);
        int month = twoDigits(text, 3);
        int year = twoDigits(text, 6);
        int hour = twoDigits(text, 9);
        int minute = twoDigits(text, 12);
        int second = twoDigits(text, 15);
        if ((day | month | year | hour | minute | second) < 0) {
            return Option.none();
        }
        try {
            return Option.some(LocalDateTime.of(2000 + year, month, day, hour, minute, second)
                    .atZone(SessionLifetime.INDIA)
                    .toInstant());
        } catch (DateTimeException impossible) {
            return Option.none();
        }
    }

    /** The number in {@code text} at {@code at} and {@code at + 1}, or -1 if either is not a digit. */
    private static int twoDigits(String text, int at) {
        char tens = text.charAt(at);
        char ones = text.charAt(at + 1);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (ones - '0');
    }

    /**
     * Formats an instant as Samco does.
     *
     * @param instant the time
     * @return it, as text and as an instant
     */
    public static ServerTime of(Instant instant) {
        return new ServerTime(Format.SAMCO.format(instant.atZone(SessionLifetime.INDIA)), Option.some(instant));
    }

    @Override
    public String toString() {
        return raw;
    }
}
