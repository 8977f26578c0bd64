package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;

/**
 * One account's session, always valid, for a platform to call on every request: a memory read
 * while the session is valid; renewed ahead of expiry by one instance of the whole fleet while the
 * others keep getting the still-valid session. Never throws.
 */
public interface SessionSourceUseCase extends AutoCloseable {

    /**
     * The session valid now, or why there is none.
     *
     * @return the session, or why there is none
     */
    Either<AuthError, Session> session();

    /**
     * Samco answered 401 for {@code token}: renews once, fleet-wide, unless the session in use is
     * already another (someone renewed). Returns the session to use from now on.
     *
     * @param token the token Samco refused
     * @return the session to use from now on, or why there is none
     */
    Either<AuthError, Session> rejected(SessionToken token);

    /** Stops the background checks; the session stays in the store. */
    @Override
    void close();
}
