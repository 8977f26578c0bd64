package io.github.samcoauth.domain;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads the {@code exp} claim of a token that is a JWT. The claim is read, not verified: samco-auth
 * is not the issuer and holds no key; it only learns when Samco means the token to stop working.
 * A token that is not a JWT, or has no readable {@code exp}, has none.
 */
final class Jwt {

    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})(?:\\.\\d+)?\\s*[,}]");

    private Jwt() {}

    static Option<Instant> expiry(SessionToken token) {
        var parts = token.value().split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Option.none();
        }
        try {
            var payload = new String(Base64.getUrlDecoder().decode(strip(parts[1])), StandardCharsets.UTF_8);
            var matcher = EXP.matcher(payload);
            return matcher.find()
                    ? Option.some(Instant.ofEpochSecond(Long.parseLong(matcher.group(1))))
                    : Option.none();
        } catch (IllegalArgumentException notBase64) {
            return Option.none();
        }
    }

    private static String strip(String segment) {
        return segment.endsWith("=") ? segment.replace("=", "") : segment;
    }
}
