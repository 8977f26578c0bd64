package io.github.samcoauth.adapter.http;

import io.github.samcoauth.application.AuthError;

/** Thrown by {@link SessionHeaderInterceptor} inside a platform's Feign call when no session is valid. */
public final class SessionUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AuthError error;

    public SessionUnavailableException(AuthError error) {
        super(error.message());
        this.error = error;
    }

    public AuthError error() {
        return error;
    }
}
