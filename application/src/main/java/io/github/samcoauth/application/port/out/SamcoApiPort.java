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

    /**
     * {@code POST /otp/generateOtp}: Samco sends an OTP to the user's phone and e-mail.
     *
     * @param uid the user id
     * @return what Samco said, or why it sent nothing
     */
    Either<AuthError, SamcoReply> generateOtp(Uid uid);

    /**
     * {@code POST /webSecretCodeValidation}: redeems a login code for a session token.
     *
     * @param code the login code
     * @return the session token and profile, or why there is none
     */
    Either<AuthError, LoginGrant> validateLoginCode(Otp code);

    /**
     * {@code DELETE /logout}: ends the session at Samco.
     *
     * @param token the session's token
     * @return what Samco said, or why it did not end the session
     */
    Either<AuthError, SamcoReply> logout(SessionToken token);

    /**
     * {@code POST /session/token}: a session for the dashboard's API key and secret. Never retried.
     *
     * @param key the dashboard's API key
     * @param secret the dashboard's API secret
     * @return the session token and profile, or why there is none
     */
    Either<AuthError, LoginGrant> sessionToken(ApiKey key, ApiSecret secret);

    /**
     * {@code GET /ip/whoami}: the IP Samco sees for this session, and whether it is registered.
     *
     * @param token the session's token
     * @return what Samco said, or why it could not be asked
     */
    Either<AuthError, WhoAmI> whoami(SessionToken token);

    /**
     * {@code GET /webSecretCode}: a fresh login code, minted by this session, for another device.
     *
     * @param token the session's token
     * @return the code, or why there is none
     */
    Either<AuthError, MintedCode> webSecretCode(SessionToken token);

    /**
     * The consent page's address for the app's key, its registered redirect URL, a fresh state and
     * the PKCE challenge of {@code verifier} ({@code code_challenge_method=S256}). No I/O.
     *
     * @param key the app's API key
     * @param redirectUrl the app's registered redirect URL
     * @param state the state the callback must bring back
     * @param verifier the PKCE verifier whose challenge the page gets
     * @return the address, or why it cannot be made
     */
    Either<AuthError, String> authorizeUrl(ApiKey key, String redirectUrl, OAuthState state, PkceVerifier verifier);

    /**
     * {@code POST /oauth/token}, authorization-code grant with the PKCE {@code code_verifier} whose
     * challenge the consent page was given: the code is single use. Never retried.
     *
     * @param code the authorization code from the callback
     * @param verifier the verifier the login started with
     * @return the tokens, or why there are none
     */
    Either<AuthError, OAuthGrant> exchangeCode(AuthorizationCode code, PkceVerifier verifier);

    /**
     * {@code POST /oauth/token}, refresh grant: rotates both tokens, the old refresh token dies. Never retried.
     *
     * @param token the refresh token, used once
     * @return the new tokens, or why there are none
     */
    Either<AuthError, OAuthGrant> refreshToken(RefreshToken token);

    /**
     * {@code POST /oauth/revoke}: ends the whole OAuth session; idempotent.
     *
     * @param token the session's access token
     * @return what Samco said, or why it did not revoke
     */
    Either<AuthError, SamcoReply> revoke(SessionToken token);
}
