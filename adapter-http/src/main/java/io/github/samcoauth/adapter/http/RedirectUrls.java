package io.github.samcoauth.adapter.http;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Samco's rule for an OAuth redirect URL: https, or plain http to this machine only (for local use). */
final class RedirectUrls {

    private static final String EXPECTED = "https://…, or http://127.0.0.1:PORT/… for local use";

    private RedirectUrls() {}

    static Either<AuthError, String> check(String raw) {
        if (raw == null || raw.isBlank()) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Blank("redirect URL")));
        }
        try {
            var uri = new URI(raw.strip());
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = uri.getHost() != null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null
                    && (scheme.equals("https") || (scheme.equals("http") && SamcoHttpConfig.isLoopback(uri.getHost())));
            return ok
                    ? Either.right(uri.toString())
                    : Either.left(new AuthError.InvalidInput(new DomainError.Malformed("redirect URL", EXPECTED)));
        } catch (URISyntaxException e) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Malformed("redirect URL", EXPECTED)));
        }
    }
}
