package io.github.samcoauth.application;

import io.github.samcoauth.domain.ServerTime;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What Samco said along with a successful answer. Samco asks users to quote {@code msgId} to its
 * support desk.
 *
 * @param msgId Samco's {@code msgId}, when it gave one
 * @param serverTime Samco's {@code serverTime}
 * @param statusMessage Samco's {@code statusMessage}
 */
public record SamcoReply(String statusMessage, Option<String> msgId, ServerTime serverTime) {

    /**
     * Checks that no part is missing.
     *
     * @param statusMessage Samco's {@code statusMessage}
     * @param msgId Samco's {@code msgId}, when it gave one
     * @param serverTime Samco's {@code serverTime}
     */
    public SamcoReply {
        Objects.requireNonNull(statusMessage, "statusMessage");
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(serverTime, "serverTime");
    }
}
