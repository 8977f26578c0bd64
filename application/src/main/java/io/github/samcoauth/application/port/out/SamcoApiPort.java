package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.ApiSecret;
import io.github.samcoauth.domain.AuthorizationCode;
import io.github.samcoauth.domain.OAuthState;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.PkceVerifier;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.control.Either;

/** Samco's authentication endpoints. Implementations never throw and never send a code twice. */
public interface SamcoApiPort {

    /** {@code POST /otp/generateOtp}: Samco sends an OTP to the user's phone and e-mail. */
    Either<AuthError, SamcoReply> generateOtp(Uid uid);

    /** {@code POST /webSecretCodeValidation}: redeems a login code for a session token. */
    Either<AuthError, LoginGrant> validateLoginCode(Otp code);

    /** {@code DELETE /logout}: ends the session at Samco. */
    Either<AuthError, SamcoReply> logout(SessionToken token);

    /** {@code POST /session/token}: a session for the dashboard's API key and secret. Never retried. */
    Either<AuthError, LoginGrant> sessionToken(ApiKey key, ApiSecret secret);

    /** {@code GET /ip/whoami}: the IP Samco sees for this session, and whether it is registered. */
    Either<AuthError, WhoAmI> whoami(SessionToken token);

    /** {@code GET /webSecretCode}: a fresh login code, minted by this session, for another device. */
    Either<AuthError, MintedCode> webSecretCode(SessionToken token);

    /**
     * The consent page's address for the app's key, its registered redirect URL, a fresh state and
     * the PKCE challenge of {@code verifier} ({@code code_challenge_method=S256}). No I/O.
     */
    Either<AuthError, String> authorizeUrl(ApiKey key, String redirectUrl, OAuthState state, PkceVerifier verifier);

    /**
     * {@code POST /oauth/token}, authorization-code grant with the PKCE {@code code_verifier} whose
     * challenge the consent page was given: the code is single use. Never retried.
     */
    Either<AuthError, OAuthGrant> exchangeCode(AuthorizationCode code, PkceVerifier verifier);

    /** {@code POST /oauth/token}, refresh grant: rotates both tokens, the old refresh token dies. Never retried. */
    Either<AuthError, OAuthGrant> refreshToken(RefreshToken token);

    /** {@code POST /oauth/revoke}: ends the whole OAuth session; idempotent. */
    Either<AuthError, SamcoReply> revoke(SessionToken token);
}
