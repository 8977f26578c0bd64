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

    Either<AuthError, OAuthStart> start(String apiKey, String redirectUrl);

    Either<AuthError, Session> finish(OAuthStart started, OAuthCallback callback);
}
