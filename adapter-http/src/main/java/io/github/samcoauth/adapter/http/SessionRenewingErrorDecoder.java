package io.github.samcoauth.adapter.http;

import feign.Response;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;
import java.util.Objects;
import java.util.function.Function;

/**
 * For a platform's own Feign clients, beside {@link SessionHeaderInterceptor}: when Samco answers
 * 401 to a request that carried session token T, tells the session source that T was refused (it
 * renews once, fleet-wide, unless it already has) and asks Feign's {@code Retryer} to send the
 * request again, which the interceptor then signs with the new token. Samco did not act on a
 * request it answered 401, so the retry does nothing twice. Every other answer, and a 401 after
 * which no new session could be had, goes to the delegate.
 */
public final class SessionRenewingErrorDecoder implements ErrorDecoder {

    private final ErrorDecoder delegate;
    private final Function<SessionToken, Either<AuthError, Session>> rejected;

    /**
     * Hands every other answer to Feign's {@link ErrorDecoder.Default}.
     *
     * @param rejected the session source's {@code rejected(token)}
     */
    public SessionRenewingErrorDecoder(Function<SessionToken, Either<AuthError, Session>> rejected) {
        this(new ErrorDecoder.Default(), rejected);
    }

    private SessionRenewingErrorDecoder(
            ErrorDecoder delegate, Function<SessionToken, Either<AuthError, Session>> rejected) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
    }

    /**
     * The same, handing every answer other than a renewable 401 to {@code delegate}.
     *
     * @param delegate the decoder of every other answer
     * @return a new decoder
     */
    public SessionRenewingErrorDecoder delegatingTo(ErrorDecoder delegate) {
        return new SessionRenewingErrorDecoder(delegate, rejected);
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        if (response.status() != 401 || response.request() == null) {
            return delegate.decode(methodKey, response);
        }
        var sent = response.request().headers().get(SessionHeaderInterceptor.HEADER);
        if (sent == null || sent.isEmpty()) {
            return delegate.decode(methodKey, response);
        }
        var token = SessionToken.of(sent.iterator().next());
        if (token.isLeft()) {
            return delegate.decode(methodKey, response);
        }
        var renewed = rejected.apply(token.get());
        if (renewed.isLeft() || renewed.get().token().equals(token.get())) {
            return delegate.decode(methodKey, response);
        }
        return new RetryableException(
                401,
                "Samco refused the session; retrying with the renewed one",
                response.request().httpMethod(),
                (Long) null,
                response.request());
    }
}
