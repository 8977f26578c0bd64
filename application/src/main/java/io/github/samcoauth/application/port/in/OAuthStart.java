package io.github.samcoauth.application.port.in;

import io.github.samcoauth.domain.OAuthState;
import io.github.samcoauth.domain.PkceVerifier;
import java.util.Objects;

/**
 * A started OAuth login: the consent page to open, the state its callback must bring back, and the
 * PKCE verifier that alone can redeem the code (it never leaves this process before the exchange).
 *
 * @param authorizeUrl the consent page to open
 * @param redirectUrl where the browser comes back
 * @param state the state the callback must bring back
 * @param verifier the PKCE verifier
 */
public record OAuthStart(String authorizeUrl, String redirectUrl, OAuthState state, PkceVerifier verifier) {

    /**
     * Checks that no part is missing.
     *
     * @param authorizeUrl the consent page to open
     * @param redirectUrl where the browser comes back
     * @param state the state the callback must bring back
     * @param verifier the PKCE verifier
     */
    public OAuthStart {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(redirectUrl, "redirectUrl");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String toString() {
        return "OAuthStart[redirectUrl=" + redirectUrl + ", state=***, verifier=***]";
    }
}
