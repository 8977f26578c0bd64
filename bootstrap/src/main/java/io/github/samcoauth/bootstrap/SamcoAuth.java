package io.github.samcoauth.bootstrap;

import io.github.samcoauth.adapter.http.FeignSamcoAuthAdapter;
import io.github.samcoauth.adapter.http.SamcoHttpConfig;
import io.github.samcoauth.adapter.http.SessionHeaderInterceptor;
import io.github.samcoauth.adapter.persistence.FileAuditLogAdapter;
import io.github.samcoauth.adapter.persistence.FileSessionStoreAdapter;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.CurrentSessionUseCase;
import io.github.samcoauth.application.port.in.ListSessionsUseCase;
import io.github.samcoauth.application.port.in.LoginCommand;
import io.github.samcoauth.application.port.in.LoginUseCase;
import io.github.samcoauth.application.port.in.LogoutCommand;
import io.github.samcoauth.application.port.in.LogoutResult;
import io.github.samcoauth.application.port.in.LogoutUseCase;
import io.github.samcoauth.application.port.in.PruneSessionsUseCase;
import io.github.samcoauth.application.port.in.RequestOtpCommand;
import io.github.samcoauth.application.port.in.RequestOtpUseCase;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoAuthPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.service.CurrentSessionService;
import io.github.samcoauth.application.service.ListSessionsService;
import io.github.samcoauth.application.service.LoginService;
import io.github.samcoauth.application.service.LogoutService;
import io.github.samcoauth.application.service.RequestOtpService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.Lazy;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The front door for platforms: log in to Samco, keep the session, hand the token to your own
 * clients. Thread-safe; one instance per state directory and base URL is plenty. Building does no
 * network or file I/O, and no state is static: several instances live side by side in one JVM.
 *
 * <pre>{@code
 * try (var samco = SamcoAuth.builder().stateDir(Path.of("/var/lib/trader/samco")).build().get()) {
 *     samco.login("NUWL3586");                 // Either<AuthError, Session>
 *     samco.current();                         // the valid session, from disk, no network
 *     Feign.builder().requestInterceptor(samco.sessionHeaderInterceptor())…
 * }
 * }</pre>
 */
public final class SamcoAuth implements AutoCloseable {

    private final RequestOtpUseCase requestOtp;
    private final LoginUseCase login;
    private final CurrentSessionUseCase currentSession;
    private final ListSessionsService listSessions;
    private final LogoutUseCase logout;
    private final Clock clock;

    private SamcoAuth(SamcoAuthPort samco, SessionStorePort store, AuditLogPort audit, Clock clock) {
        this.requestOtp = new RequestOtpService(samco, audit, clock);
        this.login = new LoginService(samco, store, audit, clock);
        this.currentSession = new CurrentSessionService(store, clock);
        this.listSessions = new ListSessionsService(store, clock);
        this.logout = new LogoutService(samco, store, audit, clock);
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    // --- the use cases -----------------------------------------------------------------------

    public RequestOtpUseCase requestOtpUseCase() {
        return requestOtp;
    }

    public LoginUseCase loginUseCase() {
        return login;
    }

    public CurrentSessionUseCase currentSessionUseCase() {
        return currentSession;
    }

    public ListSessionsUseCase listSessionsUseCase() {
        return listSessions;
    }

    public PruneSessionsUseCase pruneSessionsUseCase() {
        return listSessions;
    }

    public LogoutUseCase logoutUseCase() {
        return logout;
    }

    public Clock clock() {
        return clock;
    }

    // --- shortcuts for the common calls ------------------------------------------------------

    /** Asks Samco to send an OTP (Samco has deprecated this endpoint). */
    public Either<AuthError, SamcoReply> requestOtp(String uid) {
        return RequestOtpCommand.of(uid).flatMap(requestOtp::requestOtp);
    }

    /** Redeems a login code and stores the session. The code is sent at most once. */
    public Either<AuthError, Session> login(String code) {
        return LoginCommand.of(code).flatMap(login::login);
    }

    /** The only valid session; {@code AccountRequired} when several accounts have one. */
    public Either<AuthError, Session> current() {
        return currentSession.current(CurrentSessionCommand.anyAccount());
    }

    public Either<AuthError, Session> current(AccountId account) {
        return currentSession.current(CurrentSessionCommand.forAccount(account));
    }

    /** Logs out the only valid session. */
    public Either<AuthError, LogoutResult> logout() {
        return logout.logout(new LogoutCommand(Option.none()));
    }

    public Either<AuthError, LogoutResult> logout(AccountId account) {
        return logout.logout(new LogoutCommand(Option.some(account)));
    }

    /** Sets {@code x-session-token} on a platform's own Feign requests from the only valid session. */
    public SessionHeaderInterceptor sessionHeaderInterceptor() {
        return new SessionHeaderInterceptor(this::current);
    }

    public SessionHeaderInterceptor sessionHeaderInterceptor(AccountId account) {
        return new SessionHeaderInterceptor(() -> current(account));
    }

    /** Nothing to release today: connections belong to the JDK client, files are closed per call. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "SamcoAuth";
    }

    /** Configures a {@link SamcoAuth}; {@link #build()} validates and wires, with no I/O. */
    public static final class Builder {
        private final SamcoHttpConfig.Builder http = SamcoHttpConfig.builder();
        private Path stateDir = Path.of(System.getProperty("user.home"), ".samco");
        private Clock clock = Clock.systemUTC();
        private Option<SessionStorePort> sessionStore = Option.none();
        private Option<SamcoAuthPort> samcoAuth = Option.none();
        private Option<AuditLogPort> auditLog = Option.none();

        private Builder() {}

        /** Default {@code https://tradeapi.samco.in}; plain http only to this machine. */
        public Builder baseUrl(String baseUrl) {
            http.baseUrl(baseUrl);
            return this;
        }

        /** Default {@code ~/.samco}. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            http.connectTimeout(timeout);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            http.requestTimeout(timeout);
            return this;
        }

        public Builder proxy(String host, int port) {
            http.proxy(host, port);
            return this;
        }

        /** Retries of requests that provably never left (refused, unknown host); 0 switches them off. */
        public Builder retries(int retries) {
            http.retries(retries);
            return this;
        }

        /** Logs the HTTP exchange at DEBUG ({@code io.github.samcoauth.wire}), secrets masked. */
        public Builder wireLogging(boolean on) {
            http.wireLogging(on);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Replaces the file store, e.g. with a platform's own. */
        public Builder sessionStore(SessionStorePort store) {
            this.sessionStore = Option.of(store);
            return this;
        }

        /** Replaces the HTTP client of Samco, e.g. with a fake in tests. */
        public Builder samcoAuth(SamcoAuthPort samco) {
            this.samcoAuth = Option.of(samco);
            return this;
        }

        public Builder auditLog(AuditLogPort audit) {
            this.auditLog = Option.of(audit);
            return this;
        }

        public Either<AuthError, SamcoAuth> build() {
            if (stateDir == null) {
                return Either.left(new AuthError.InvalidInput(
                        new io.github.samcoauth.domain.DomainError.Blank("state directory")));
            }
            if (clock == null) {
                return Either.left(
                        new AuthError.InvalidInput(new io.github.samcoauth.domain.DomainError.Blank("clock")));
            }
            return http.build().map(config -> {
                var dir = stateDir.toAbsolutePath();
                SamcoAuthPort samco = samcoAuth.getOrElse(() -> new LazySamcoAuth(config));
                var store = sessionStore.getOrElse(() -> new FileSessionStoreAdapter(dir, clock));
                var audit = auditLog.getOrElse(() -> new FileAuditLogAdapter(dir));
                return new SamcoAuth(samco, store, audit, clock);
            });
        }
    }

    /** Builds the HTTP client on first use, so commands that never call Samco never load it. */
    private static final class LazySamcoAuth implements SamcoAuthPort {
        private final Lazy<FeignSamcoAuthAdapter> adapter;

        LazySamcoAuth(SamcoHttpConfig config) {
            this.adapter = Lazy.of(() -> new FeignSamcoAuthAdapter(config));
        }

        @Override
        public Either<AuthError, SamcoReply> generateOtp(io.github.samcoauth.domain.Uid uid) {
            return adapter.get().generateOtp(uid);
        }

        @Override
        public Either<AuthError, io.github.samcoauth.application.port.out.LoginGrant> validateLoginCode(
                io.github.samcoauth.domain.Otp code) {
            return adapter.get().validateLoginCode(code);
        }

        @Override
        public Either<AuthError, SamcoReply> logout(io.github.samcoauth.domain.SessionToken token) {
            return adapter.get().logout(token);
        }
    }
}
