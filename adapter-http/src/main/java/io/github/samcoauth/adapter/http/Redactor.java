package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secret values in the wire log. A body is masked by field name after JSON decoding (so
 * {@code "session\u0054oken"} is a session token too) and printed re-encoded (so no control
 * character reaches a terminal); a body that is not JSON is not printed at all, only its size.
 */
final class Redactor {

    static final String MASK = "***";

    /** Field names whose values are secrets, lower case. */
    private static final Set<String> SECRET_NAMES = Set.of(
            "otp",
            "sessiontoken",
            "session_token",
            "password",
            "apisecret",
            "apikey",
            "api_key",
            "secretapikey",
            "accesstoken",
            "access_token",
            "refreshtoken",
            "refresh_token",
            "token",
            "code",
            "code_verifier",
            "codeverifier",
            "yob");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i)\\b(x-session-token|authorization|proxy-authorization|cookie|set-cookie|x-api-key)(\\s*:\\s*)\\S.*");

    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\"(?:otp|sessionToken|session_token|password|apiSecret|apiKey|secretApiKey|accessToken|refreshToken"
                    + "|token|code_verifier|codeVerifier|yob)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)");

    private Redactor() {}

    /** A logged body: JSON with every secret field masked, or only its size. */
    static String redactBody(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        try {
            var tree = JSON.readTree(body);
            if (tree == null || !tree.isContainerNode()) {
                return notShown(body);
            }
            mask(tree);
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            return notShown(body);
        }
    }

    private static String notShown(String body) {
        return "(" + body.length() + "-character body not shown: it is not a JSON object or array)";
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                if (SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                    object.put(name, MASK);
                } else {
                    mask(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(Redactor::mask);
        }
    }

    static String redact(String text) {
        if (text == null) {
            return "";
        }
        var headersMasked = SECRET_HEADER.matcher(text).replaceAll("$1$2" + MASK);
        return SECRET_FIELD.matcher(headersMasked).replaceAll("$1\"" + MASK + "\"");
    }
}
