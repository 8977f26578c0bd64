package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The success body of {@code POST /webSecretCodeValidation}; carries the session token. */
@JsonIgnoreProperties(ignoreUnknown = true)
record LoginResponseDto(
        String sessionToken,
        @JsonProperty("accountID") String accountId,
        String accountName,
        List<String> exchangeList,
        List<String> orderTypeList,
        List<String> productList) {

    @Override
    public String toString() {
        return "LoginResponseDto[accountID=" + accountId + ", sessionToken=***]";
    }
}
