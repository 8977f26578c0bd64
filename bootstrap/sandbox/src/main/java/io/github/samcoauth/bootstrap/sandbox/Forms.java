package io.github.samcoauth.bootstrap.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query strings and HTML forms of the consent page. */
final class Forms {

    private Forms() {}

    /** {@code a=1&b=2} into a map; the first of repeated names wins; null or empty gives none. */
    static Map<String, String> parse(String raw) {
        var values = new LinkedHashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (var pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            var name = decode(eq < 0 ? pair : pair.substring(0, eq));
            var value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** Text for an HTML page. */
    static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
