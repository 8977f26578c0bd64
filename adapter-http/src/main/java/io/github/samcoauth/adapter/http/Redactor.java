package io.github.samcoauth.adapter.http;

import java.util.regex.Pattern;

/** Masks secret values in logged headers and JSON bodies. */
final class Redactor {

    static final String MASK = "***";

    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i)\\b(x-session-token|authorization|proxy-authorization|cookie|set-cookie|x-api-key)(\\s*:\\s*)\\S.*");

    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\"(?:otp|sessionToken|session_token|password|apiSecret|apiKey|secretApiKey|accessToken|refreshToken"
                    + "|token|yob)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)");

    private Redactor() {}

    static String redact(String text) {
        if (text == null) {
            return "";
        }
        var headersMasked = SECRET_HEADER.matcher(text).replaceAll("$1$2" + MASK);
        return SECRET_FIELD.matcher(headersMasked).replaceAll("$1\"" + MASK + "\"");
    }
}
