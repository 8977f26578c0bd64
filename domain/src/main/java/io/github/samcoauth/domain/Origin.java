package io.github.samcoauth.domain;

import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a session was made: the scheme, host and port of the Samco API that issued it. A session
 * is only ever sent back to its own origin, so a token of production never reaches a sandbox, a
 * proxy or a mistyped {@code --base-url}, and the other way round.
 */
public record Origin(String scheme, String host, int port) {

    /** Samco's production API, {@code https://tradeapi.samco.in}: sessions stored without an origin belong here. */
    public static final Origin DEFAULT = new Origin("https", "tradeapi.samco.in", 443);

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
     */
    public static Either<DomainError, Origin> of(String url) {
        if (url == null || url.isBlank()) {
            return Either.left(new DomainError.Blank("origin"));
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Either.left(malformed());
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        var host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || host.isEmpty()) {
            return Either.left(malformed());
        }
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            return Either.left(malformed());
        }
        return Either.right(new Origin(scheme, host.toLowerCase(Locale.ROOT), port));
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
