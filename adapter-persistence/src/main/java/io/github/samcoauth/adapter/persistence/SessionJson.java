package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The session file. Format 2 added {@code method} and, for OAuth sessions, {@code refreshToken} and
 * {@code refreshExpiresAt}; a format-1 file is a login-code session. {@code origin} (the API that
 * issued the session, {@code scheme://host[:port]}) came later within format 2: older readers ignore
 * it, and a file without it is a session of Samco's production API.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SessionJson(
        int format,
        String accountId,
        String accountName,
        List<String> exchanges,
        List<String> orderTypes,
        List<String> products,
        String sessionToken,
        String issuedAt,
        String expiresAt,
        String method,
        @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
        @JsonInclude(JsonInclude.Include.NON_NULL) String refreshExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String origin) {

    static final int FORMAT = 2;

    @Override
    public String toString() {
        return "SessionJson[accountId=" + accountId + ", sessionToken=***, refreshToken=***]";
    }
}
