package io.github.samcoauth.adapter.http;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * Samco's auth endpoints as Feign sees them. Methods return the raw {@link Response} so that every
 * status, body and size is judged by {@link ResponseClassifier}, never by an exception. The transport
 * ({@link DeadlineClient}) asks for JSON and labels request bodies as JSON, so no method repeats it.
 */
interface SamcoHttpApi {

    @RequestLine("POST /otp/generateOtp")
    Response generateOtp(GenerateOtpRequestDto body);

    @RequestLine("POST /webSecretCodeValidation")
    Response validateLoginCode(ValidateLoginCodeRequestDto body);

    @RequestLine("DELETE /logout")
    @Headers("x-session-token: {token}")
    Response logout(@Param("token") String token);

    @RequestLine("POST /session/token")
    Response sessionToken(SessionTokenRequestDto body);

    @RequestLine("GET /ip/whoami")
    @Headers("x-session-token: {token}")
    Response whoami(@Param("token") String token);

    @RequestLine("POST /oauth/token")
    Response oauthToken(OAuthTokenRequestDto body);

    @RequestLine("POST /oauth/revoke")
    Response revoke(RevokeRequestDto body);

    @RequestLine("GET /webSecretCode")
    @Headers("x-session-token: {token}")
    Response webSecretCode(@Param("token") String token);
}
