package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.AuthError;
import java.io.IOException;

/** No valid session could be had: the request was not sent. {@link #error()} says why, typed. */
public final class SamcoSessionUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient AuthError error;

    /**
     * No valid session could be had for a request.
     *
     * @param error why
     */
    public SamcoSessionUnavailableException(AuthError error) {
        super(error.message());
        this.error = error;
    }

    /**
     * Why no valid session could be had.
     *
     * @return the typed error
     */
    public AuthError error() {
        return error;
    }
}
