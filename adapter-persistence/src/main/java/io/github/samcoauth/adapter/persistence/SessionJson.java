package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The session file. Format 2 added {@code method}; a format-1 file is a login-code session. */
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
        String method) {

    static final int FORMAT = 2;

    @Override
    public String toString() {
        return "SessionJson[accountId=" + accountId + ", sessionToken=***]";
    }
}
