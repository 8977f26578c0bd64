package io.github.samcoauth.domain;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * Samco's {@code serverTime}: {@code dd/MM/yy HH:mm:ss}, India time. Kept as text always, and as
 * an instant when it parses: a time Samco formats differently is information, not a failure.
 */
public record ServerTime(String raw, Option<Instant> instant) {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("dd/MM/uu HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    public ServerTime {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(instant, "instant");
    }

    /** Samco's times are 17 characters; the text of anything else is kept to this many. */
    static final int MAX_RAW = 32;

    /**
     * Never fails: null becomes empty text, an unparseable time is kept as text only, and the text
     * keeps printable ASCII only, at most {@value #MAX_RAW} characters (it came from the network).
     */
    public static ServerTime parse(String raw) {
        var text = raw == null
                ? ""
                : raw.strip()
                        .codePoints()
                        .filter(c -> c >= 0x20 && c < 0x7F)
                        .limit(MAX_RAW)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString();
        var instant = Try.of(() -> LocalDateTime.parse(text, FORMAT))
                .map(local -> local.atZone(SessionLifetime.INDIA).toInstant())
                .toOption();
        return new ServerTime(text, instant);
    }

    /** Formats an instant as Samco does. */
    public static ServerTime of(Instant instant) {
        return new ServerTime(FORMAT.format(instant.atZone(SessionLifetime.INDIA)), Option.some(instant));
    }

    @Override
    public String toString() {
        return raw;
    }
}
