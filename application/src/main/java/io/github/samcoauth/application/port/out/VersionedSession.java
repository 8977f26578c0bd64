package io.github.samcoauth.application.port.out;

import io.github.samcoauth.domain.Session;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * An account's stored session (if any) and the store's generation for it: a counter that goes up
 * with every save and delete, {@code 0} when the store knows nothing of the account (a store that
 * keeps no counter always says {@code 0}).
 *
 * @param generation how many times the account's session has been written
 * @param session the stored session, or none
 */
public record VersionedSession(Option<Session> session, long generation) {

    /**
     * Checks that no part is missing.
     *
     * @param session the stored session, or none
     * @param generation how many times the account's session has been written
     */
    public VersionedSession {
        Objects.requireNonNull(session, "session");
    }
}
