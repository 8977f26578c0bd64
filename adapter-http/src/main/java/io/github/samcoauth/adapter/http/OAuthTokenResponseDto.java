package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The success body of {@code POST /oauth/token}: everything sits in {@code data}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record OAuthTokenResponseDto(Data data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("refresh_token_expires_in") Long refreshTokenExpiresIn,
            @JsonProperty("user_id") String userId,
            @JsonProperty("accountID") String accountId,
            String accountName,
            List<String> exchangeList,
            List<String> orderTypeList,
            List<String> productList) {

        @Override
        public String toString() {
            return "Data[accountID=" + accountId + ", access_token=***, refresh_token=***]";
        }
    }
}
