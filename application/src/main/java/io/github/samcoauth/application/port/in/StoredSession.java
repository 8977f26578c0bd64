package io.github.samcoauth.application.port.in;

import io.github.samcoauth.domain.Session;
import java.util.Objects;

/**
 * A stored session and whether it was valid when listed.
 *
 * @param session the session
 * @param valid whether it was valid when listed
 */
public record StoredSession(Session session, boolean valid) {

    /**
     * Checks that the session is there.
     *
     * @param session the session
     * @param valid whether it was valid when listed
     */
    public StoredSession {
        Objects.requireNonNull(session, "session");
    }
}
