package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a session was made: the scheme, host and port of the Samco API that issued it. A session
 * is only ever sent back to its own origin, so a token of production never reaches a sandbox, a
 * proxy or a mistyped {@code --base-url}, and the other way round.
 *
 * @param host the host, in lower case
 * @param port the port, 1 to 65535
 * @param scheme {@code http} or {@code https}
 */
public record Origin(String scheme, String host, int port) {

    /** Samco's production API, {@code https://tradeapi.samco.in}: sessions stored without an origin belong here. */
    public static final Origin DEFAULT = new Origin("https", "tradeapi.samco.in", 443);

    /**
     * Checks the parts; {@link #of(String)} says what is wrong with a URL instead of throwing.
     *
     * @param scheme {@code http} or {@code https}
     * @param host the host, in lower case
     * @param port the port, 1 to 65535
     */
    public Origin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (!(scheme.equals("http") || scheme.equals("https")) || host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not an origin; use Origin.of");
        }
    }

    /**
     * The origin of a base URL or an origin as {@link #toString()} writes it: scheme and host in lower
     * case, the scheme's port when none is given ({@code https://h} and {@code https://h:443} are one
     * origin).
     *
     * @param url a base URL ({@code https://tradeapi.samco.in/}) or an origin
     * @return the origin, or why {@code url} names none
     */
    public static Either<DomainError, Origin> of(String url) {
        if (url == null || url.isBlank()) {
            return Either.left(new DomainError.Blank("origin"));
        }
        var text = url.strip();
        int colon = text.indexOf("://");
        if (colon <= 0) {
            return Either.left(malformed());
        }
        var scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))) {
            return Either.left(malformed());
        }
        int start = colon + 3;
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        var authority = text.substring(start, end);
        if (authority.isEmpty() || authority.indexOf('@') >= 0) {
            return Either.left(malformed());
        }
        String host;
        String port = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !isIpv6(authority.substring(1, close))) {
                return Either.left(malformed());
            }
            host = authority.substring(0, close + 1);
            var rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Either.left(malformed());
                }
                port = rest.substring(1);
            }
        } else {
            int at = authority.lastIndexOf(':');
            host = at < 0 ? authority : authority.substring(0, at);
            port = at < 0 ? "" : authority.substring(at + 1);
            if (!isHostName(host)) {
                return Either.left(malformed());
            }
        }
        int number;
        if (port.isEmpty()) {
            number = scheme.equals("https") ? 443 : 80;
        } else if (PORT.test(port)) {
            number = Integer.parseInt(port);
        } else {
            return Either.left(malformed());
        }
        if (number < 1 || number > 65535) {
            return Either.left(malformed());
        }
        return Either.right(new Origin(scheme, host.toLowerCase(Locale.ROOT), number));
    }

    /** Letters, digits, '-' and '.', as a DNS name or an IPv4 address is written. */
    private static final CharRule HOST_NAME = new CharRule(1, 253, "AZaz09--..");

    /** What stands between the brackets of an IPv6 literal. */
    private static final CharRule IPV6 = new CharRule(2, 45, "09AFaf::..");

    /** A port as written: one to five digits. */
    private static final CharRule PORT = new CharRule(1, 5, "09");

    private static boolean isHostName(String host) {
        return HOST_NAME.test(host);
    }

    private static boolean isIpv6(String address) {
        return IPV6.test(address);
    }

    private static DomainError malformed() {
        return new DomainError.Malformed("origin", "http(s)://HOST[:PORT]");
    }

    /** {@code scheme://host[:port]}, the port only when it is not the scheme's own. */
    @Override
    public String toString() {
        boolean usual = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (usual ? "" : ":" + port);
    }
}
