package io.github.samcoauth.adapter.http;

/** The body of {@code POST /session/token}: the dashboard's key and secret, as issued. */
record SessionTokenRequestDto(String apiKey, String apiSecret) {

    @Override
    public String toString() {
        return "SessionTokenRequestDto[apiKey=***, apiSecret=***]";
    }
}
