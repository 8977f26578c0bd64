package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/**
 * Where a login or a renewal puts the session Samco granted: the store, or the renewal lease it
 * runs under (whose commit also ends the lease). A failed write is the login's failure: the
 * session is then ended at Samco, so that no live token is left that nobody holds.
 */
@FunctionalInterface
public interface SessionWriter {

    Either<AuthError, Session> write(Session session);
}
