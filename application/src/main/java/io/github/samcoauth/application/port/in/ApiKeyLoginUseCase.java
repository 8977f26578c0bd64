package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase.SessionWriter;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/**
 * Log in with the dashboard's API key and secret ({@code POST /session/token}), headless, and store
 * the session. The request is sent at most once: it may have taken effect at Samco.
 */
public interface ApiKeyLoginUseCase {

    /**
     * Logs in and saves the session in the store.
     *
     * @param credentials the dashboard's API key and secret
     * @return the new session, or why there is none
     */
    Either<AuthError, Session> login(ApiCredentials credentials);

    /**
     * Logs in and hands the session to {@code writeTo} (a renewal lease's commit) instead of the store.
     *
     * @param credentials the dashboard's API key and secret
     * @param writeTo where the new session goes
     * @return the session as written, or why there is none
     */
    Either<AuthError, Session> login(ApiCredentials credentials, SessionWriter writeTo);
}
