package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The success body of {@code GET /webSecretCode}: the minted code sits in {@code data}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record WebSecretCodeResponseDto(Data data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(@JsonProperty("OTP") String otp, Integer timeRemainingInSeconds) {
        @Override
        public String toString() {
            return "Data[OTP=***, timeRemainingInSeconds=" + timeRemainingInSeconds + "]";
        }
    }
}
