package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * For a {@code RestClient} (or {@code RestTemplate}) of Samco's other APIs — add it to the clients
 * that call Samco, never to others: sets {@code x-session-token} from the kept session; a 401 renews
 * the session once (fleet-wide) and the request is sent once more (Samco did not act on it); a
 * second 401 is the application's. With no valid session the request is not sent: {@link
 * SamcoSessionUnavailableException}.
 */
public final class SamcoSessionInterceptor implements ClientHttpRequestInterceptor {

    /** The header Samco reads the session from. */
    public static final String HEADER = "x-session-token";

    private final SessionSourceUseCase source;

    /**
     * An interceptor over the session source.
     *
     * @param source the account's session source
     */
    public SamcoSessionInterceptor(SessionSourceUseCase source) {
        this.source = source;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        var session = source.session();
        if (session.isLeft()) {
            throw new SamcoSessionUnavailableException(session.getLeft());
        }
        var token = session.get().token();
        request.getHeaders().set(HEADER, token.value());
        var response = execution.execute(request, body);
        if (response.getStatusCode().value() != 401) {
            return response;
        }
        var renewed = source.rejected(token);
        if (renewed.isLeft() || renewed.get().token().equals(token)) {
            return response;
        }
        response.close();
        request.getHeaders().set(HEADER, renewed.get().token().value());
        return execution.execute(request, body);
    }
}
