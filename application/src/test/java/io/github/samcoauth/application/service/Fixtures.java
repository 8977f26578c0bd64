package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.domain.ServerTime;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

final class Fixtures {

    static final String TOKEN = "f4b8ec1dcc1e9486f723cb5fcba16859";
    static final Instant NOW = Instant.parse("2025-01-13T04:40:40Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final AuthError.Rejected EXPIRED_CODE = new AuthError.Rejected(
            "Failure",
            List.of("OTP expired. Please enter valid OTP."),
            Option.none(),
            Option.some("7488e02e"),
            Option.some(ServerTime.parse("13/01/25 15:00:29")),
            200);

    private Fixtures() {}

    static Either<AuthError, LoginGrant> grant(String account, String token) {
        return Either.right(new LoginGrant(Sessions.token(token), Sessions.profile(account), ScriptedSamcoApi.OK));
    }
}
