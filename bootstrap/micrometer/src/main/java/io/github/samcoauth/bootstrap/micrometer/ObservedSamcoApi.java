package io.github.samcoauth.bootstrap.micrometer;

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
import io.micrometer.observation.Observation;
import io.vavr.control.Either;
import java.util.function.Supplier;

/**
 * Samco's API, each call timed ({@value SamcoAuthMetrics#REQUESTS}: endpoint, outcome) inside an
 * Observation ({@value SamcoAuthMetrics#REQUEST_OBSERVATION}) whose only key values are the
 * endpoint's name and the outcome. What is sent and answered is never looked at.
 */
final class ObservedSamcoApi implements SamcoApiPort {

    private final SamcoApiPort api;
    private final SamcoAuthMetrics metrics;

    ObservedSamcoApi(SamcoApiPort api, SamcoAuthMetrics metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    private <T> Either<AuthError, T> observed(String endpoint, Supplier<Either<AuthError, T>> call) {
        var observation = Observation.createNotStarted(SamcoAuthMetrics.REQUEST_OBSERVATION, metrics.observations())
                .contextualName("samco " + endpoint)
                .lowCardinalityKeyValue("endpoint", endpoint)
                .start();
        long started = System.nanoTime();
        Either<AuthError, T> result;
        try (var scope = observation.openScope()) {
            result = call.get();
        } catch (RuntimeException e) {
            // a port does not throw; one that does is still measured, and still throws
            observation.lowCardinalityKeyValue("outcome", "exception");
            observation.error(e);
            observation.stop();
            metrics.requests(endpoint, "exception")
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            throw e;
        }
        var outcome = result.isRight() ? "success" : SamcoAuthMetrics.kind(result.getLeft());
        observation.lowCardinalityKeyValue("outcome", outcome);
        observation.stop();
        metrics.requests(endpoint, outcome)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        return result;
    }

    @Override
    public Either<AuthError, SamcoReply> generateOtp(Uid uid) {
        return observed("generate-otp", () -> api.generateOtp(uid));
    }

    @Override
    public Either<AuthError, LoginGrant> validateLoginCode(Otp code) {
        return observed("validate-login-code", () -> api.validateLoginCode(code));
    }

    @Override
    public Either<AuthError, SamcoReply> logout(SessionToken token) {
        return observed("logout", () -> api.logout(token));
    }

    @Override
    public Either<AuthError, LoginGrant> sessionToken(ApiKey key, ApiSecret secret) {
        return observed("session-token", () -> api.sessionToken(key, secret));
    }

    @Override
    public Either<AuthError, WhoAmI> whoami(SessionToken token) {
        return observed("whoami", () -> api.whoami(token));
    }

    @Override
    public Either<AuthError, MintedCode> webSecretCode(SessionToken token) {
        return observed("web-secret-code", () -> api.webSecretCode(token));
    }

    /** No I/O: not a call to Samco, not measured. */
    @Override
    public Either<AuthError, String> authorizeUrl(
            ApiKey key, String redirectUrl, OAuthState state, PkceVerifier verifier) {
        return api.authorizeUrl(key, redirectUrl, state, verifier);
    }

    @Override
    public Either<AuthError, OAuthGrant> exchangeCode(AuthorizationCode code, PkceVerifier verifier) {
        return observed("oauth-code", () -> api.exchangeCode(code, verifier));
    }

    @Override
    public Either<AuthError, OAuthGrant> refreshToken(RefreshToken token) {
        return observed("oauth-refresh", () -> api.refreshToken(token));
    }

    @Override
    public Either<AuthError, SamcoReply> revoke(SessionToken token) {
        return observed("oauth-revoke", () -> api.revoke(token));
    }

    @Override
    public String toString() {
        return "ObservedSamcoApi[" + api + "]";
    }
}
