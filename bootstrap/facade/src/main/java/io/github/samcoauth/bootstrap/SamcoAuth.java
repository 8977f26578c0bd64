package io.github.samcoauth.bootstrap;

import io.github.samcoauth.adapter.http.FeignSamcoApiAdapter;
import io.github.samcoauth.adapter.http.SamcoHttpConfig;
import io.github.samcoauth.adapter.http.SessionHeaderInterceptor;
import io.github.samcoauth.adapter.persistence.FileAuditLogAdapter;
import io.github.samcoauth.adapter.persistence.FileSessionStoreAdapter;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.in.AccountLoginCode;
import io.github.samcoauth.application.port.in.AccountWhoAmI;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.CurrentSessionUseCase;
import io.github.samcoauth.application.port.in.ListSessionsUseCase;
import io.github.samcoauth.application.port.in.LoginCommand;
import io.github.samcoauth.application.port.in.LoginUseCase;
import io.github.samcoauth.application.port.in.LogoutCommand;
import io.github.samcoauth.application.port.in.LogoutResult;
import io.github.samcoauth.application.port.in.LogoutUseCase;
import io.github.samcoauth.application.port.in.MintLoginCodeUseCase;
import io.github.samcoauth.application.port.in.OAuthCallback;
import io.github.samcoauth.application.port.in.OAuthLoginUseCase;
import io.github.samcoauth.application.port.in.OAuthStart;
import io.github.samcoauth.application.port.in.PruneSessionsUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase;
import io.github.samcoauth.application.port.in.RequestOtpCommand;
import io.github.samcoauth.application.port.in.RequestOtpUseCase;
import io.github.samcoauth.application.port.in.StoredSession;
import io.github.samcoauth.application.port.in.WhoAmIUseCase;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.service.ApiKeyLoginService;
import io.github.samcoauth.application.service.CurrentSessionService;
import io.github.samcoauth.application.service.ListSessionsService;
import io.github.samcoauth.application.service.LoginService;
import io.github.samcoauth.application.service.LogoutService;
import io.github.samcoauth.application.service.MintLoginCodeService;
import io.github.samcoauth.application.service.OAuthLoginService;
import io.github.samcoauth.application.service.RefreshSessionService;
import io.github.samcoauth.application.service.RequestOtpService;
import io.github.samcoauth.application.service.WhoAmIService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;

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

    /** Samco's production API, the default base URL. */
    public static final String DEFAULT_BASE_URL = SamcoHttpConfig.DEFAULT_BASE_URL;

    private final RequestOtpUseCase requestOtp;
    private final LoginUseCase login;
    private final CurrentSessionUseCase currentSession;
    private final ListSessionsUseCase listSessions;
    private final PruneSessionsUseCase pruneSessions;
    private final LogoutUseCase logout;
    private final ApiKeyLoginUseCase apiKeyLogin;
    private final RefreshSessionUseCase refresh;
    private final WhoAmIUseCase whoAmI;
    private final MintLoginCodeUseCase mintLoginCode;
    private final OAuthLoginUseCase oauth;
    /** The HTTP client this instance made (not one the platform passed in): closed with it. */
    private final Option<FeignSamcoApiAdapter> ownHttpClient;

    private SamcoAuth(
            SamcoApiPort samco,
            SessionStorePort store,
            AuditLogPort audit,
            Clock clock,
            Option<FeignSamcoApiAdapter> ownHttpClient) {
        var sessions = new ListSessionsService(store, clock);
        this.requestOtp = new RequestOtpService(samco, store, audit, clock);
        this.login = new LoginService(samco, store, audit, clock);
        this.currentSession = new CurrentSessionService(store, clock);
        this.listSessions = sessions;
        this.pruneSessions = sessions;
        this.logout = new LogoutService(samco, store, audit, clock);
        var apiKey = new ApiKeyLoginService(samco, store, audit, clock);
        this.apiKeyLogin = apiKey;
        this.refresh = new RefreshSessionService(samco, store, audit, clock, apiKey);
        this.oauth = new OAuthLoginService(samco, store, audit, clock);
        this.whoAmI = new WhoAmIService(samco, store, clock);
        this.mintLoginCode = new MintLoginCodeService(samco, store, audit, clock);
        this.ownHttpClient = ownHttpClient;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code ~/.samco}: where sessions and the audit journal live unless told otherwise. */
    public static Path defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".samco");
    }

    /** Asks Samco to send an OTP (Samco has deprecated this endpoint). */
    public Either<AuthError, SamcoReply> requestOtp(String uid) {
        return RequestOtpCommand.of(uid).flatMap(requestOtp::requestOtp);
    }

    /** Redeems a login code and stores the session. The code is sent at most once. */
    public Either<AuthError, Session> login(String code) {
        return LoginCommand.of(code).flatMap(login::login);
    }

    /**
     * Logs in headless with the dashboard's API key and secret ({@code POST /session/token}) and
     * stores the session. Sent at most once; both are checked before anything is sent.
     */
    public Either<AuthError, Session> loginWithApiKey(String apiKey, String apiSecret) {
        return ApiCredentials.of(apiKey, apiSecret).flatMap(apiKeyLogin::login);
    }

    /**
     * Starts an OAuth 2.1 login: the consent page's address (open it in the user's browser) for the
     * app's API key and its registered redirect URL, with a fresh random state. No I/O.
     */
    public Either<AuthError, OAuthStart> startOAuth(String apiKey, String redirectUrl) {
        return oauth.start(apiKey, redirectUrl);
    }

    /**
     * Finishes it with what the browser brought to the redirect URL: the state is checked (in
     * constant time) before the code is exchanged, exactly once; the session and its refresh token
     * are stored.
     */
    public Either<AuthError, Session> finishOAuth(OAuthStart started, OAuthCallback callback) {
        return oauth.finish(started, callback);
    }

    /**
     * A new session the way the stored one was made (an API-key session with the credentials in the
     * command, an OAuth session with its refresh token, rotated); {@code NotRenewable} for a
     * login-code session, which only a person can renew.
     */
    public Either<AuthError, Session> refresh(RefreshSessionCommand command) {
        return refresh.refresh(command);
    }

    /** The IP Samco sees for the only valid session, and whether it is a registered static IP. */
    public Either<AuthError, AccountWhoAmI> whoami() {
        return whoAmI.whoami(CurrentSessionCommand.anyAccount());
    }

    public Either<AuthError, AccountWhoAmI> whoami(AccountId account) {
        return whoAmI.whoami(CurrentSessionCommand.forAccount(account));
    }

    /** A fresh login code minted by the only valid session, for another device. Each call mints one. */
    public Either<AuthError, AccountLoginCode> mintLoginCode() {
        return mintLoginCode.mint(CurrentSessionCommand.anyAccount());
    }

    public Either<AuthError, AccountLoginCode> mintLoginCode(AccountId account) {
        return mintLoginCode.mint(CurrentSessionCommand.forAccount(account));
    }

    /** The only valid session; {@code AccountRequired} when several accounts have one. No network. */
    public Either<AuthError, Session> current() {
        return currentSession.current(CurrentSessionCommand.anyAccount());
    }

    /** The valid session of {@code account}. No network. */
    public Either<AuthError, Session> current(AccountId account) {
        return currentSession.current(CurrentSessionCommand.forAccount(account));
    }

    /** Every stored session, valid and expired, ordered by account. */
    public Either<AuthError, List<StoredSession>> sessions() {
        return listSessions.list();
    }

    /** Removes the expired sessions; returns the accounts they belonged to. */
    public Either<AuthError, List<AccountId>> pruneExpired() {
        return pruneSessions.pruneExpired();
    }

    /** Logs out the only valid session: at Samco, then locally (even when Samco is unreachable). */
    public Either<AuthError, LogoutResult> logout() {
        return logout.logout(new LogoutCommand(Option.none()));
    }

    /** Logs out {@code account}, even when its session has expired (then only locally). */
    public Either<AuthError, LogoutResult> logout(AccountId account) {
        return logout.logout(new LogoutCommand(Option.some(account)));
    }

    /** Sets {@code x-session-token} on a platform's own Feign requests from the only valid session. */
    public SessionHeaderInterceptor sessionHeaderInterceptor() {
        return new SessionHeaderInterceptor(this::current);
    }

    /** Sets {@code x-session-token} from the valid session of {@code account}. */
    public SessionHeaderInterceptor sessionHeaderInterceptor(AccountId account) {
        return new SessionHeaderInterceptor(() -> current(account));
    }

    /**
     * Releases the HTTP client this instance made (ports passed to the builder belong to the
     * caller). The file store and journal hold nothing open between calls.
     */
    @Override
    public void close() {
        ownHttpClient.forEach(FeignSamcoApiAdapter::close);
    }

    @Override
    public String toString() {
        return "SamcoAuth";
    }

    /**
     * The journal is best effort (a login Samco granted stands even when it cannot be recorded),
     * but never silently: a failed write is logged as a warning, which the CLI prints on stderr.
     */
    private static AuditLogPort reported(AuditLogPort audit) {
        return event -> audit.record(event)
                .peekLeft(error -> LoggerFactory.getLogger(SamcoAuth.class)
                        .warn(
                                "The audit journal was not written ({}): {}",
                                event.type().label(),
                                error.message()));
    }

    /** Configures a {@link SamcoAuth}; {@link #build()} validates and wires, with no I/O. */
    public static final class Builder {
        private final SamcoHttpConfig.Builder http = SamcoHttpConfig.builder();
        private Path stateDir = defaultStateDir();
        private Clock clock = Clock.systemUTC();
        private Option<SessionStorePort> sessionStore = Option.none();
        private Option<SamcoApiPort> samcoApi = Option.none();
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

        /** Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            http.connectTimeout(timeout);
            return this;
        }

        /** Default 30 s. */
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

        /** Replaces the HTTP client of Samco's API, e.g. with a fake in tests. */
        public Builder samcoApi(SamcoApiPort samcoApi) {
            this.samcoApi = Option.of(samcoApi);
            return this;
        }

        /** Replaces the file journal of authentication events. */
        public Builder auditLog(AuditLogPort audit) {
            this.auditLog = Option.of(audit);
            return this;
        }

        public Either<AuthError, SamcoAuth> build() {
            if (stateDir == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("state directory")));
            }
            if (clock == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("clock")));
            }
            return http.build().map(config -> {
                var dir = stateDir.toAbsolutePath();
                Option<FeignSamcoApiAdapter> own =
                        samcoApi.isEmpty() ? Option.some(new FeignSamcoApiAdapter(config)) : Option.none();
                SamcoApiPort samco = samcoApi.getOrElse(own::get);
                var store = sessionStore.getOrElse(() -> new FileSessionStoreAdapter(dir, clock));
                var audit = auditLog.getOrElse(() -> new FileAuditLogAdapter(dir));
                return new SamcoAuth(samco, store, reported(audit), clock, own);
            });
        }
    }
}
