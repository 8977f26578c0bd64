package io.github.samcoauth.adapter.http;

import feign.FeignException;
import io.github.samcoauth.application.AuthError;

/**
 * Thrown by {@link SessionHeaderInterceptor} inside a platform's Feign call when no session is valid:
 * the request was not sent. A {@link FeignException} (status -1: no answer), so handlers of Feign's
 * failures catch it; {@link #error()} says why.
 */
public final class SessionUnavailableException extends FeignException {

    private static final long serialVersionUID = 1L;

    private final transient AuthError error;

    /**
     * No valid session could be had for a request.
     *
     * @param error why
     */
    public SessionUnavailableException(AuthError error) {
        super(-1, error.message());
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
