package io.github.samcoauth.adapter.http;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * For a platform's own Feign clients of other Samco APIs: sets {@code x-session-token} on every
 * request from the session this library keeps. When there is no valid session the request is not
 * sent: {@link SessionUnavailableException} says why.
 */
public final class SessionHeaderInterceptor implements RequestInterceptor {

    /** The header Samco reads the session token from. */
    public static final String HEADER = "x-session-token";

    private final Supplier<Either<AuthError, Session>> currentSession;

    /**
     * An interceptor that signs each request with the session {@code currentSession} gives.
     *
     * @param currentSession the session source, asked at every request
     */
    public SessionHeaderInterceptor(Supplier<Either<AuthError, Session>> currentSession) {
        this.currentSession = Objects.requireNonNull(currentSession, "currentSession");
    }

    @Override
    public void apply(RequestTemplate template) {
        var session = currentSession.get();
        if (session.isLeft()) {
            throw new SessionUnavailableException(session.getLeft());
        }
        template.removeHeader(HEADER);
        template.header(HEADER, List.of(session.get().token().value()));
    }
}
