package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /oauth/token}: one of the two grants. The code grant carries the PKCE
 * {@code code_verifier} (RFC 7636); a server that does not check PKCE ignores the extra field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OAuthTokenRequestDto(
        @JsonProperty("grant_type") String grantType,
        String code,
        @JsonProperty("code_verifier") String codeVerifier,
        @JsonProperty("refresh_token") String refreshToken) {

    static OAuthTokenRequestDto authorizationCode(String code, String codeVerifier) {
        return new OAuthTokenRequestDto("authorization_code", code, codeVerifier, null);
    }

    static OAuthTokenRequestDto refresh(String refreshToken) {
        return new OAuthTokenRequestDto("refresh_token", null, null, refreshToken);
    }

    @Override
    public String toString() {
        return "OAuthTokenRequestDto[grant_type=" + grantType + ", code=***, code_verifier=***, refresh_token=***]";
    }
}
