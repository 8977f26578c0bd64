package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.InvocationContext;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.ResponseInterceptor;
import feign.Util;
import feign.codec.EncodeException;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.MintedCode;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.WhoAmI;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.ApiSecret;
import io.github.samcoauth.domain.AuthorizationCode;
import io.github.samcoauth.domain.OAuthState;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.PkceVerifier;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.Lazy;
import io.vavr.control.Either;
import java.net.ProxySelector;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * {@link SamcoApiPort} over HTTP with OpenFeign on the JDK client. Every input and every server
 * behaviour becomes a value; no exception leaves; a login code or OTP request is never sent twice
 * once it may have reached Samco.
 *
 * <p>Constructing it does nothing: the HTTP client, Feign and Jackson are set up on the first call,
 * so a program that never calls Samco never loads them. {@link #close()} releases the HTTP client
 * (on Java 21 and later, where it can be closed; before that its threads end once it is unreachable).
 */
public final class FeignSamcoApiAdapter implements SamcoApiPort, AutoCloseable {

    /** Made with the client: a run that never calls Samco starts no logging. */
    private final Lazy<org.slf4j.Logger> log = Lazy.of(() -> LoggerFactory.getLogger(FeignSamcoApiAdapter.class));

    private final SamcoHttpConfig config;
    private final Lazy<Client> client;

    /**
     * No I/O and no client yet: both come with the first call.
     *
     * @param config the base URL, timeouts, proxy and limits
     */
    public FeignSamcoApiAdapter(SamcoHttpConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Lazy.of(() -> new Client(config));
    }

    /** Hands back the {@link Response} as the transport made it; the classifier reads and closes it. */
    private static final ResponseInterceptor RAW = new ResponseInterceptor() {
        @Override
        public Object intercept(InvocationContext context, ResponseInterceptor.Chain chain) {
            return context.response();
        }
    };

    /** The wired client, made on first use. */
    private static final class Client {
        final HttpClient http;
        final DeadlineClient transport;
        final SamcoHttpApi api;
        final SamcoDtoMapper mapper = new SamcoDtoMapperImpl();
        final ResponseClassifier classifier;

        Client(SamcoHttpConfig config) {
            var json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            this.http = httpClient(config);
            this.transport =
                    new DeadlineClient(http, config.requestTimeout(), config.maxBodyBytes(), config.wireLogging());
            this.classifier = new ResponseClassifier(json, mapper, config.maxBodyBytes());
            this.api = Feign.builder()
                    .client(transport)
                    .options(new Request.Options(
                            config.connectTimeout().toMillis(),
                            TimeUnit.MILLISECONDS,
                            config.requestTimeout().toMillis(),
                            TimeUnit.MILLISECONDS,
                            false))
                    .encoder((body, type, template) -> {
                        try {
                            template.body(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
                            // the JDK client states the length from the body itself; Feign's copy
                            // would be re-expanded as a header template at every step of the call
                            template.removeHeader(Util.CONTENT_LENGTH);
                        } catch (JsonProcessingException e) {
                            throw new EncodeException("cannot encode " + type, e);
                        }
                    })
                    // the method returns the Response itself: Feign need not copy its body again
                    .responseInterceptor(RAW)
                    .retryer(new SafeRetryer(
                            config.retries(), config.initialBackoff().toMillis()))
                    .logger(new RedactingLogger(config.maxBodyBytes()))
                    .logLevel(config.wireLogging() ? Logger.Level.FULL : Logger.Level.NONE)
                    .target(new SamcoTarget(config.target()));
        }

        /** What {@code generateOtp} and {@code logout} make of any response. */
        Either<AuthError, SamcoReply> decodeReply(Response response) {
            return classifier.classify(response).map(success -> mapper.toReply(success.status()));
        }

        <D, T> Either<AuthError, T> decode(
                Response response, Class<D> type, BiFunction<StatusResponseDto, D, Either<AuthError, T>> map) {
            return classifier
                    .classify(response)
                    .flatMap(success ->
                            classifier.read(success.body(), type).flatMap(dto -> map.apply(success.status(), dto)));
        }

        /** What {@code webSecretCodeValidation} and {@code session/token} make of any response. */
        Either<AuthError, LoginGrant> decodeGrant(Response response) {
            return classifier
                    .classify(response)
                    .flatMap(success -> classifier
                            .read(success.body(), LoginResponseDto.class)
                            .flatMap(login -> mapper.toGrant(success.status(), login)));
        }
    }

    static HttpClient httpClient(SamcoHttpConfig config) {
        var builder = HttpClient.newBuilder()
                // the client's own small tasks run where they arise (its selector thread or the
                // caller) instead of being handed to a pool thread: the body subscriber never blocks
                // and nothing else runs there, and each hand-off is a context switch (about a fifth
                // of a loopback call on two cores)
                .executor(Runnable::run)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/2 over TLS (ALPN); plain http only reaches loopback test servers, which speak 1.1
                .version(
                        config.baseUrl().getScheme().equalsIgnoreCase("https")
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1);
        config.proxy().forEach(proxy -> builder.proxy(ProxySelector.of(proxy)));
        return builder.build();
    }

    @Override
    public Either<AuthError, SamcoReply> generateOtp(Uid uid) {
        return call("generateOtp", c -> c.decodeReply(c.api.generateOtp(c.mapper.toRequest(uid))));
    }

    @Override
    public Either<AuthError, LoginGrant> validateLoginCode(Otp code) {
        return call("webSecretCodeValidation", c -> c.decodeGrant(c.api.validateLoginCode(c.mapper.toRequest(code))));
    }

    @Override
    public Either<AuthError, SamcoReply> logout(SessionToken token) {
        return call("logout", c -> c.decodeReply(c.api.logout(token.value())));
    }

    @Override
    public Either<AuthError, LoginGrant> sessionToken(ApiKey key, ApiSecret secret) {
        return call("session/token", c -> c.decodeGrant(c.api.sessionToken(c.mapper.toRequest(key, secret))));
    }

    @Override
    public Either<AuthError, WhoAmI> whoami(SessionToken token) {
        return call(
                "ip/whoami", c -> c.decode(c.api.whoami(token.value()), WhoAmIResponseDto.class, c.mapper::toWhoAmI));
    }

    @Override
    public Either<AuthError, MintedCode> webSecretCode(SessionToken token) {
        return call(
                "webSecretCode",
                c -> c.decode(c.api.webSecretCode(token.value()), WebSecretCodeResponseDto.class, c.mapper::toMinted));
    }

    @Override
    public Either<AuthError, String> authorizeUrl(
            ApiKey key, String redirectUrl, OAuthState state, PkceVerifier verifier) {
        return RedirectUrls.check(redirectUrl)
                .map(redirect -> config.target() + "/app/oauth/authorize?api_key=" + encode(key.value())
                        + "&redirect_url=" + encode(redirect) + "&state=" + encode(state.value())
                        + "&code_challenge=" + verifier.challenge()
                        + "&code_challenge_method=" + PkceVerifier.METHOD);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public Either<AuthError, OAuthGrant> exchangeCode(AuthorizationCode code, PkceVerifier verifier) {
        return call(
                "oauth/token (code)",
                c -> c.decode(
                        c.api.oauthToken(OAuthTokenRequestDto.authorizationCode(code.value(), verifier.value())),
                        OAuthTokenResponseDto.class,
                        c.mapper::toOAuthGrant));
    }

    @Override
    public Either<AuthError, OAuthGrant> refreshToken(RefreshToken token) {
        return call(
                "oauth/token (refresh)",
                c -> c.decode(
                        c.api.oauthToken(OAuthTokenRequestDto.refresh(token.value())),
                        OAuthTokenResponseDto.class,
                        c.mapper::toOAuthGrant));
    }

    @Override
    public Either<AuthError, SamcoReply> revoke(SessionToken token) {
        return call("oauth/revoke", c -> c.decodeReply(c.api.revoke(RevokeRequestDto.accessToken(token.value()))));
    }

    /** What {@code generateOtp} and {@code logout} make of any response (for the fuzz test). */
    Either<AuthError, SamcoReply> decodeReply(Response response) {
        return client.get().decodeReply(response);
    }

    /** What {@code webSecretCodeValidation} makes of any response (for the fuzz test). */
    Either<AuthError, LoginGrant> decodeGrant(Response response) {
        return client.get().decodeGrant(response);
    }

    private <T> Either<AuthError, T> call(String endpoint, Function<Client, Either<AuthError, T>> exchange) {
        Either<AuthError, T> result;
        try {
            result = exchange.apply(client.get());
        } catch (RuntimeException e) {
            result = Either.left(Failures.classify(e, config));
        }
        if (log.get().isDebugEnabled()) {
            log.get().debug("{} -> {}", endpoint, result.fold(AuthError::code, success -> "Success"));
        }
        return result;
    }

    /** Releases the HTTP client if one was made and the running Java can close it (21+). */
    @Override
    public void close() {
        if (client.isEvaluated()) {
            client.get().transport.close();
        }
        if (client.isEvaluated() && client.get().http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.get()
                        .debug(
                                "closing the HTTP client failed ({})",
                                e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public String toString() {
        return "FeignSamcoApiAdapter[" + config.baseUrl() + "]";
    }
}
