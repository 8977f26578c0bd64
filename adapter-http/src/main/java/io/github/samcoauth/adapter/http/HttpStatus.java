package io.github.samcoauth.adapter.http;

/** Human names of HTTP status codes: the JDK client does not pass the reason phrase on. */
final class HttpStatus {

    private HttpStatus() {}

    static String describe(int code) {
        var phrase = switch (code) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return phrase.isEmpty() ? "HTTP " + code : code + " " + phrase;
    }
}
