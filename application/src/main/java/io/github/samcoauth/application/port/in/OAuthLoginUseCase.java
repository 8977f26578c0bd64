package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;

/**
 * OAuth 2.1 authorization-code login: {@link #start} makes the consent page's address with a fresh
 * random state; {@link #finish} checks the callback's state in constant time, then exchanges the
 * code exactly once and stores the session with its refresh token.
 */
public interface OAuthLoginUseCase {

    /**
     * Starts an OAuth login: the consent page's address, with a fresh state and PKCE verifier.
     *
     * @param apiKey the app's API key as typed
     * @param redirectUrl the redirect URL registered for the app
     * @return the started login, or what is wrong with the input
     */
    Either<AuthError, OAuthStart> start(String apiKey, String redirectUrl);

    /**
     * Finishes an OAuth login: checks the callback against the start, then redeems the code once.
     *
     * @param started the login as {@link #start} began it
     * @param callback what the redirect carried back
     * @return the new session, or why there is none
     */
    Either<AuthError, Session> finish(OAuthStart started, OAuthCallback callback);
}
