package io.github.samcoauth.application.port.in;

import io.github.samcoauth.domain.OAuthState;
import java.util.Objects;

/** A started OAuth login: the consent page to open, and the state its callback must bring back. */
public record OAuthStart(String authorizeUrl, String redirectUrl, OAuthState state) {

    public OAuthStart {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(redirectUrl, "redirectUrl");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return "OAuthStart[redirectUrl=" + redirectUrl + ", state=***]";
    }
}
