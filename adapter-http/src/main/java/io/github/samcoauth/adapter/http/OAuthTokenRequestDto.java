package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /oauth/token}: one of the two grants. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OAuthTokenRequestDto(
        @JsonProperty("grant_type") String grantType,
        String code,
        @JsonProperty("refresh_token") String refreshToken) {

    static OAuthTokenRequestDto authorizationCode(String code) {
        return new OAuthTokenRequestDto("authorization_code", code, null);
    }

    static OAuthTokenRequestDto refresh(String refreshToken) {
        return new OAuthTokenRequestDto("refresh_token", null, refreshToken);
    }

    @Override
    public String toString() {
        return "OAuthTokenRequestDto[grant_type=" + grantType + ", code=***, refresh_token=***]";
    }
}
