package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.http2client.Http2Client;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.SamcoAuthPort;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.control.Either;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@link SamcoAuthPort} over HTTP with OpenFeign on the JDK client. Every input and every server
 * behaviour becomes a value; no exception leaves; a login code or OTP request is never sent twice
 * once it may have reached Samco.
 */
public final class FeignSamcoAuthAdapter implements SamcoAuthPort {

    private final org.slf4j.Logger log = LoggerFactory.getLogger(FeignSamcoAuthAdapter.class);
    private final SamcoHttpConfig config;
    private final SamcoAuthApi api;
    private final SamcoDtoMapper mapper = new SamcoDtoMapperImpl();
    private final ResponseClassifier classifier;

    /** Builds the client; no connection is opened until the first call. */
    public FeignSamcoAuthAdapter(SamcoHttpConfig config) {
        this.config = config;
        var json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.classifier = new ResponseClassifier(json, mapper, config.maxBodyBytes());
        this.api = Feign.builder()
                .client(new Http2Client(httpClient(config)))
                .options(new Request.Options(
                        config.connectTimeout().toMillis(),
                        TimeUnit.MILLISECONDS,
                        config.requestTimeout().toMillis(),
                        TimeUnit.MILLISECONDS,
                        false))
                .encoder((body, type, template) -> {
                    try {
                        template.body(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new feign.codec.EncodeException("cannot encode " + type, e);
                    }
                })
                .retryer(new SafeRetryer(
                        config.retries(), config.initialBackoff().toMillis()))
                .logger(new RedactingLogger(config.maxBodyBytes()))
                .logLevel(config.wireLogging() ? Logger.Level.FULL : Logger.Level.NONE)
                .requestInterceptor(template -> template.header("User-Agent", UserAgent.VALUE))
                .target(SamcoAuthApi.class, config.target());
    }

    static HttpClient httpClient(SamcoHttpConfig config) {
        var builder = HttpClient.newBuilder()
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
        return call("generateOtp", () -> api.generateOtp(mapper.toRequest(uid)), this::decodeReply);
    }

    @Override
    public Either<AuthError, LoginGrant> validateLoginCode(Otp code) {
        return call("webSecretCodeValidation", () -> api.validateLoginCode(mapper.toRequest(code)), this::decodeGrant);
    }

    @Override
    public Either<AuthError, SamcoReply> logout(SessionToken token) {
        return call("logout", () -> api.logout(token.value()), this::decodeReply);
    }

    /** What {@code generateOtp} and {@code logout} make of any response. */
    Either<AuthError, SamcoReply> decodeReply(Response response) {
        return classifier.classify(response).map(success -> mapper.toReply(success.status()));
    }

    /** What {@code webSecretCodeValidation} makes of any response. */
    Either<AuthError, LoginGrant> decodeGrant(Response response) {
        return classifier
                .classify(response)
                .flatMap(success -> classifier
                        .read(success.body(), LoginResponseDto.class)
                        .flatMap(login -> mapper.toGrant(success.status(), login)));
    }

    private <T> Either<AuthError, T> call(
            String endpoint,
            Supplier<Response> send,
            java.util.function.Function<Response, Either<AuthError, T>> decode) {
        Either<AuthError, T> result;
        try {
            result = decode.apply(send.get());
        } catch (RuntimeException e) {
            result = Either.left(Failures.classify(e, config));
        }
        if (log.isDebugEnabled()) {
            log.debug("{} -> {}", endpoint, result.fold(AuthError::code, success -> "Success"));
        }
        return result;
    }

    @Override
    public String toString() {
        return "FeignSamcoAuthAdapter[" + config.baseUrl() + "]";
    }
}
