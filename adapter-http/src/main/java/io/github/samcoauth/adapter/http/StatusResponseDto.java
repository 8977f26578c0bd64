package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope every Samco answer shares. On failure Samco sends {@code statusMessage} (the OAuth
 * endpoints: {@code message}), or
 * {@code validationErrors} (a list), or an {@code errorCode}; any of them may be absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StatusResponseDto(
        String serverTime,
        String msgId,
        String status,
        String statusMessage,
        JsonNode validationErrors,
        String errorCode,
        String message) {

    /** {@code statusMessage}, or {@code message} as the OAuth endpoints call it. */
    String said() {
        return statusMessage != null ? statusMessage : message;
    }
}
