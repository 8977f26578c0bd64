package io.github.samcoauth.adapter.http;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.MintedCode;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.application.port.out.WhoAmI;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.ApiSecret;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.ServerTime;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/**
 * Domain to request DTOs is generated (it cannot fail); response DTOs to domain are written by hand
 * because they chain the domain factories, which return {@code Either}.
 */
@Mapper
interface SamcoDtoMapper {

    @Mapping(target = "uid", source = "value")
    GenerateOtpRequestDto toRequest(Uid uid);

    @Mapping(target = "otp", source = "value")
    ValidateLoginCodeRequestDto toRequest(Otp code);

    default SessionTokenRequestDto toRequest(ApiKey key, ApiSecret secret) {
        return new SessionTokenRequestDto(key.value(), secret.value());
    }

    default Either<AuthError, WhoAmI> toWhoAmI(StatusResponseDto status, WhoAmIResponseDto whoami) {
        var srcIp = ServerText.clean(whoami.srcIp(), 64);
        if (srcIp.isBlank() || whoami.matches() == null) {
            return Either.left(new AuthError.UnexpectedResponse("a whoami answer without srcIp or matches"));
        }
        return Either.right(new WhoAmI(
                srcIp,
                ip(whoami.primaryIp()),
                ip(whoami.secondaryIp()),
                whoami.matches(),
                Option.of(whoami.matchedAs()).map(m -> ServerText.clean(m, 32)).filter(m -> !m.isBlank()),
                toReply(status)));
    }

    default Either<AuthError, MintedCode> toMinted(StatusResponseDto status, WebSecretCodeResponseDto minted) {
        var data = minted.data();
        if (data == null) {
            return Either.left(new AuthError.UnexpectedResponse("a code answer without data"));
        }
        var seconds = data.timeRemainingInSeconds();
        if (seconds == null || seconds <= 0 || seconds > 86_400) {
            return Either.left(
                    new AuthError.UnexpectedResponse("a code answer without a sensible timeRemainingInSeconds"));
        }
        return Otp.of(data.otp())
                .<AuthError>mapLeft(
                        e -> new AuthError.UnexpectedResponse("a code answer whose code is not a login code"))
                .map(code -> new MintedCode(code, Duration.ofSeconds(seconds), toReply(status)));
    }

    default Either<AuthError, OAuthGrant> toOAuthGrant(StatusResponseDto status, OAuthTokenResponseDto answer) {
        var data = answer.data();
        if (data == null) {
            return Either.left(new AuthError.UnexpectedResponse("a token answer without data"));
        }
        var account = data.accountId() != null ? data.accountId() : data.userId();
        var access = SessionToken.of(data.accessToken());
        var refresh = RefreshToken.of(data.refreshToken());
        var profile = AccountProfile.of(
                account,
                Option.of(data.accountName()).getOrElse(""),
                orEmpty(data.exchangeList()),
                orEmpty(data.orderTypeList()),
                orEmpty(data.productList()));
        if (access.isLeft()
                || refresh.isLeft()
                || profile.isLeft()
                || !positive(data.expiresIn())
                || !positive(data.refreshTokenExpiresIn())) {
            return Either.left(new AuthError.UnexpectedResponse(
                    "a token answer with a bad or missing access_token, refresh_token, account or lifetime"));
        }
        return Either.right(new OAuthGrant(
                access.get(),
                profile.get(),
                Duration.ofSeconds(data.expiresIn()),
                refresh.get(),
                Duration.ofSeconds(data.refreshTokenExpiresIn()),
                toReply(status)));
    }

    private static boolean positive(Long seconds) {
        return seconds != null && seconds > 0 && seconds <= 366L * 24 * 3600;
    }

    private static Option<String> ip(String raw) {
        return Option.of(raw).map(ip -> ServerText.clean(ip, 64)).filter(ip -> !ip.isBlank());
    }

    default SamcoReply toReply(StatusResponseDto status) {
        return new SamcoReply(ServerText.message(status.said()), msgId(status), ServerTime.parse(status.serverTime()));
    }

    default Either<AuthError, LoginGrant> toGrant(StatusResponseDto status, LoginResponseDto login) {
        var token = SessionToken.of(login.sessionToken()).mapLeft(List::of);
        var profile = AccountProfile.of(
                        login.accountId(),
                        Option.of(login.accountName()).getOrElse(""),
                        orEmpty(login.exchangeList()),
                        orEmpty(login.orderTypeList()),
                        orEmpty(login.productList()))
                .mapLeft(List::ofAll);
        if (token.isLeft() || profile.isLeft()) {
            var errors = token.swap()
                    .getOrElse(List.empty())
                    .appendAll(profile.swap().getOrElse(List.empty()));
            return Either.left(
                    new AuthError.UnexpectedResponse("a successful login answer with a bad or missing field: "
                            + errors.map(DomainError::message).mkString("; ")));
        }
        return Either.right(new LoginGrant(token.get(), profile.get(), toReply(status)));
    }

    default AuthError.Rejected toRejected(StatusResponseDto status, int httpStatus) {
        var messages = List.<String>empty()
                .appendAll(Option.of(status.said()).map(ServerText::message).filter(m -> !m.isBlank()))
                .appendAll(validationErrors(status).map(ServerText::message).take(10));
        return new AuthError.Rejected(
                Option.of(status.status())
                        .map(s -> ServerText.clean(s, 32))
                        .filter(s -> !s.isBlank())
                        .getOrElse("HTTP " + httpStatus),
                messages,
                Option.of(status.errorCode()).map(c -> ServerText.clean(c, 32)).filter(c -> !c.isBlank()),
                msgId(status),
                Option.of(status.serverTime()).map(ServerTime::parse),
                httpStatus);
    }

    private static Option<String> msgId(StatusResponseDto status) {
        return ServerText.msgId(status.msgId());
    }

    private static List<String> validationErrors(StatusResponseDto status) {
        var node = status.validationErrors();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.empty();
        }
        if (node.isArray()) {
            return List.ofAll(node).map(e -> e.isTextual() ? e.asText() : e.toString());
        }
        return List.of(node.isTextual() ? node.asText() : node.toString());
    }

    private static java.util.List<String> orEmpty(java.util.List<String> codes) {
        return codes == null ? java.util.List.of() : codes;
    }
}
