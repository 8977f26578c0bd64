package io.github.samcoauth.testkit;

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
import io.github.samcoauth.domain.ServerTime;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A {@link SamcoApiPort} that answers from scripts and remembers every call. */
public final class ScriptedSamcoApi implements SamcoApiPort {

    /** An API whose every call succeeds until a script says otherwise. */
    public ScriptedSamcoApi() {}

    /** A successful reply with a fixed {@code msgId} and {@code serverTime}. */
    public static final SamcoReply OK = new SamcoReply(
            "Request successful",
            Option.some("1e439d95-5e57-4810-b57e-df94e74776ea"),
            ServerTime.parse("17/12/25 09:40:58"));

    private volatile Function<Uid, Either<AuthError, SamcoReply>> otp = uid -> Either.right(OK);
    private volatile Function<Otp, Either<AuthError, LoginGrant>> login =
            code -> Either.left(new AuthError.Unavailable("no login scripted"));
    private volatile Function<SessionToken, Either<AuthError, SamcoReply>> logout = token -> Either.right(OK);
    private volatile BiFunction<ApiKey, ApiSecret, Either<AuthError, LoginGrant>> sessionToken =
            (key, secret) -> Either.left(new AuthError.Unavailable("no session token scripted"));
    private volatile Function<SessionToken, Either<AuthError, WhoAmI>> whoami =
            token -> Either.left(new AuthError.Unavailable("no whoami scripted"));
    private volatile Function<SessionToken, Either<AuthError, MintedCode>> webSecretCode =
            token -> Either.left(new AuthError.Unavailable("no code scripted"));
    private volatile Function<AuthorizationCode, Either<AuthError, OAuthGrant>> exchangeCode =
            code -> Either.left(new AuthError.Unavailable("no code exchange scripted"));
    private volatile Function<RefreshToken, Either<AuthError, OAuthGrant>> refreshToken =
            token -> Either.left(new AuthError.Unavailable("no refresh scripted"));
    private volatile Function<SessionToken, Either<AuthError, SamcoReply>> revoke = token -> Either.right(OK);
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<PkceVerifier> verifiers = Collections.synchronizedList(new ArrayList<>());

    /**
     * Scripts {@code POST /oauth/token}'s authorization-code grant.
     *
     * @param script the answer for each code
     * @return this API
     */
    public ScriptedSamcoApi onExchangeCode(Function<AuthorizationCode, Either<AuthError, OAuthGrant>> script) {
        this.exchangeCode = script;
        return this;
    }

    /**
     * Scripts {@code POST /oauth/token}'s refresh grant.
     *
     * @param script the answer for each refresh token
     * @return this API
     */
    public ScriptedSamcoApi onRefreshToken(Function<RefreshToken, Either<AuthError, OAuthGrant>> script) {
        this.refreshToken = script;
        return this;
    }

    /**
     * Scripts {@code POST /oauth/revoke}.
     *
     * @param script the answer for each token
     * @return this API
     */
    public ScriptedSamcoApi onRevoke(Function<SessionToken, Either<AuthError, SamcoReply>> script) {
        this.revoke = script;
        return this;
    }

    /**
     * Scripts {@code POST /session/token}.
     *
     * @param script the answer for each API key and secret
     * @return this API
     */
    public ScriptedSamcoApi onSessionToken(BiFunction<ApiKey, ApiSecret, Either<AuthError, LoginGrant>> script) {
        this.sessionToken = script;
        return this;
    }

    /**
     * Scripts {@code GET /ip/whoami}.
     *
     * @param script the answer for each token
     * @return this API
     */
    public ScriptedSamcoApi onWhoami(Function<SessionToken, Either<AuthError, WhoAmI>> script) {
        this.whoami = script;
        return this;
    }

    /**
     * Scripts {@code GET /webSecretCode}.
     *
     * @param script the answer for each token
     * @return this API
     */
    public ScriptedSamcoApi onWebSecretCode(Function<SessionToken, Either<AuthError, MintedCode>> script) {
        this.webSecretCode = script;
        return this;
    }

    /**
     * Scripts {@code POST /otp/generateOtp}.
     *
     * @param script the answer for each user id
     * @return this API
     */
    public ScriptedSamcoApi onOtp(Function<Uid, Either<AuthError, SamcoReply>> script) {
        this.otp = script;
        return this;
    }

    /**
     * Scripts {@code POST /webSecretCodeValidation}.
     *
     * @param script the answer for each login code
     * @return this API
     */
    public ScriptedSamcoApi onLogin(Function<Otp, Either<AuthError, LoginGrant>> script) {
        this.login = script;
        return this;
    }

    /**
     * Scripts {@code DELETE /logout}.
     *
     * @param script the answer for each token
     * @return this API
     */
    public ScriptedSamcoApi onLogout(Function<SessionToken, Either<AuthError, SamcoReply>> script) {
        this.logout = script;
        return this;
    }

    /**
     * Calls as {@code generateOtp:UID}, {@code validateLoginCode}, {@code logout}, {@code sessionToken},
     * {@code whoami}, {@code webSecretCode}.
     *
     * @return the calls, in order
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * The PKCE verifiers the code exchanges carried, in order.
     *
     * @return the verifiers
     */
    public List<PkceVerifier> verifiers() {
        return List.copyOf(verifiers);
    }

    @Override
    public Either<AuthError, SamcoReply> generateOtp(Uid uid) {
        calls.add("generateOtp:" + uid.value());
        return otp.apply(uid);
    }

    @Override
    public Either<AuthError, LoginGrant> validateLoginCode(Otp code) {
        calls.add("validateLoginCode");
        return login.apply(code);
    }

    @Override
    public Either<AuthError, SamcoReply> logout(SessionToken token) {
        calls.add("logout");
        return logout.apply(token);
    }

    @Override
    public Either<AuthError, LoginGrant> sessionToken(ApiKey key, ApiSecret secret) {
        calls.add("sessionToken");
        return sessionToken.apply(key, secret);
    }

    @Override
    public Either<AuthError, WhoAmI> whoami(SessionToken token) {
        calls.add("whoami");
        return whoami.apply(token);
    }

    @Override
    public Either<AuthError, MintedCode> webSecretCode(SessionToken token) {
        calls.add("webSecretCode");
        return webSecretCode.apply(token);
    }

    /** {@code https://samco.example/app/oauth/authorize?state=STATE}: no I/O, not a call. */
    @Override
    public Either<AuthError, String> authorizeUrl(
            ApiKey key, String redirectUrl, OAuthState state, PkceVerifier verifier) {
        return Either.right("https://samco.example/app/oauth/authorize?state=" + state.value() + "&code_challenge="
                + verifier.challenge() + "&code_challenge_method=" + PkceVerifier.METHOD);
    }

    @Override
    public Either<AuthError, OAuthGrant> exchangeCode(AuthorizationCode code, PkceVerifier verifier) {
        calls.add("exchangeCode");
        verifiers.add(verifier);
        return exchangeCode.apply(code);
    }

    @Override
    public Either<AuthError, OAuthGrant> refreshToken(RefreshToken token) {
        calls.add("refreshToken");
        return refreshToken.apply(token);
    }

    @Override
    public Either<AuthError, SamcoReply> revoke(SessionToken token) {
        calls.add("revoke");
        return revoke.apply(token);
    }
}
