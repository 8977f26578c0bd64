package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The session file, format 1. */
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
        String expiresAt) {

    static final int FORMAT = 1;

    @Override
    public String toString() {
        return "SessionJson[accountId=" + accountId + ", sessionToken=***]";
    }
}
