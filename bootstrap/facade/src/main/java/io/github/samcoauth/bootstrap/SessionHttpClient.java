package io.github.samcoauth.bootstrap;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.domain.SessionToken;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * The JDK's {@link HttpClient} for a platform's own calls to Samco's other APIs, with the session
 * this library keeps: {@code x-session-token} set on every request; a 401 renews the session once
 * (fleet-wide) and the request is sent once more with the new token — a 401 means Samco did not act
 * on it, so nothing is done twice; a second 401 is the platform's to see. With no valid session
 * the request is not sent: {@link NoValidSessionException}.
 *
 * <pre>{@code
 * var http = samco.sessionHttpClient(HttpClient.newHttpClient());
 * var orders = http.send(HttpRequest.newBuilder(URI.create(base + "/order/orderBook")).build(), ofString());
 * }</pre>
 */
public final class SessionHttpClient {

    /** The header Samco reads the session from. */
    public static final String HEADER = "x-session-token";

    private final HttpClient client;
    private final SessionSourceUseCase source;

    SessionHttpClient(HttpClient client, SessionSourceUseCase source) {
        this.client = Objects.requireNonNull(client, "client");
        this.source = source;
    }

    /** No valid session could be had: the request was not sent. An {@link IOException}, as the client's own. */
    public static final class NoValidSessionException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient AuthError error;

        NoValidSessionException(AuthError error) {
            super(error.message());
            this.error = error;
        }

        /**
         * Why, typed.
         *
         * @return the error
         */
        public AuthError error() {
            return error;
        }
    }

    /**
     * Sends {@code request} with the session; on a 401, renews once and sends it once more.
     *
     * @param <T> the type of the response's body
     * @param request the request, without the session header
     * @param handler the body handler
     * @return Samco's response: the resend's after a 401 that a renewal answered, else the first
     * @throws java.io.IOException when the JDK's client cannot send or receive
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        var session = source.session();
        if (session.isLeft()) {
            throw new NoValidSessionException(session.getLeft());
        }
        var token = session.get().token();
        var response = client.send(withToken(request, token), handler);
        if (response.statusCode() != 401) {
            return response;
        }
        var renewed = source.rejected(token);
        if (renewed.isLeft() || renewed.get().token().equals(token)) {
            return response;
        }
        return client.send(withToken(request, renewed.get().token()), handler);
    }

    /**
     * The client requests go through.
     *
     * @return the JDK's client
     */
    public HttpClient client() {
        return client;
    }

    private static HttpRequest withToken(HttpRequest request, SessionToken token) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(HEADER))
                .header(HEADER, token.value())
                .build();
    }

    @Override
    public String toString() {
        return "SessionHttpClient[" + client + "]";
    }
}
