package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * For a {@code WebClient} of Samco's other APIs — add it to the clients that call Samco, never to
 * others: sets {@code x-session-token} from the kept session; a 401 renews the session once
 * (fleet-wide, off the event loop) and the request is sent once more; a second 401 is the
 * application's. With no valid session the request is not sent: an error of {@link
 * SamcoSessionUnavailableException}.
 */
public final class SamcoSessionFilter implements ExchangeFilterFunction {

    private final SessionSourceUseCase source;

    /**
     * A filter over the session source.
     *
     * @param source the account's session source
     */
    public SamcoSessionFilter(SessionSourceUseCase source) {
        this.source = source;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.fromCallable(source::session)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(session -> {
                    if (session.isLeft()) {
                        return Mono.error(new SamcoSessionUnavailableException(session.getLeft()));
                    }
                    var token = session.get().token();
                    return next.exchange(withToken(request, token))
                            .flatMap(response -> response.statusCode().value() != 401
                                    ? Mono.just(response)
                                    : Mono.fromCallable(() -> source.rejected(token))
                                            .subscribeOn(Schedulers.boundedElastic())
                                            .flatMap(renewed -> again(request, next, response, token, renewed)));
                });
    }

    private static Mono<ClientResponse> again(
            ClientRequest request,
            ExchangeFunction next,
            ClientResponse refused,
            SessionToken token,
            Either<AuthError, Session> renewed) {
        if (renewed.isLeft() || renewed.get().token().equals(token)) {
            return Mono.just(refused);
        }
        return refused.releaseBody()
                .then(next.exchange(withToken(request, renewed.get().token())));
    }

    private static ClientRequest withToken(ClientRequest request, SessionToken token) {
        return ClientRequest.from(request)
                .headers(headers -> headers.set(SamcoSessionInterceptor.HEADER, token.value()))
                .build();
    }
}
