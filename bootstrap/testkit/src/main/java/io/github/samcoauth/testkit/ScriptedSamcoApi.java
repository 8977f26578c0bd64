package io.github.samcoauth.testkit;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.ServerTime;
import io.github.samcoauth.domain.SessionToken;
import io.github.samcoauth.domain.Uid;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A {@link SamcoApiPort} that answers from scripts and remembers every call. */
public final class ScriptedSamcoApi implements SamcoApiPort {

    public static final SamcoReply OK = new SamcoReply(
            "Request successful",
            Option.some("1e439d95-5e57-4810-b57e-df94e74776ea"),
            ServerTime.parse("17/12/25 09:40:58"));

    private volatile Function<Uid, Either<AuthError, SamcoReply>> otp = uid -> Either.right(OK);
    private volatile Function<Otp, Either<AuthError, LoginGrant>> login =
            code -> Either.left(new AuthError.Unavailable("no login scripted"));
    private volatile Function<SessionToken, Either<AuthError, SamcoReply>> logout = token -> Either.right(OK);
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public ScriptedSamcoApi onOtp(Function<Uid, Either<AuthError, SamcoReply>> script) {
        this.otp = script;
        return this;
    }

    public ScriptedSamcoApi onLogin(Function<Otp, Either<AuthError, LoginGrant>> script) {
        this.login = script;
        return this;
    }

    public ScriptedSamcoApi onLogout(Function<SessionToken, Either<AuthError, SamcoReply>> script) {
        this.logout = script;
        return this;
    }

    /** Calls as {@code generateOtp:UID}, {@code validateLoginCode}, {@code logout}. */
    public List<String> calls() {
        return List.copyOf(calls);
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
}
