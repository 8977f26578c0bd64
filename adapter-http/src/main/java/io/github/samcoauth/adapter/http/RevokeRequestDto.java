package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /oauth/revoke}. */
record RevokeRequestDto(
        String token, @JsonProperty("token_type") String tokenType) {

    static RevokeRequestDto accessToken(String token) {
        return new RevokeRequestDto(token, "access_token");
    }

    @Override
    public String toString() {
        return "RevokeRequestDto[token=***, token_type=" + tokenType + "]";
    }
}
