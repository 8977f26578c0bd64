package io.github.samcoauth.bootstrap;

import io.github.samcoauth.adapter.http.FeignSamcoApiAdapter;
import io.github.samcoauth.adapter.http.SamcoHttpConfig;
import io.github.samcoauth.adapter.http.SessionHeaderInterceptor;
import io.github.samcoauth.adapter.http.SessionRenewingErrorDecoder;
import io.github.samcoauth.adapter.persistence.FileAuditLogAdapter;
import io.github.samcoauth.adapter.persistence.FileSessionStoreAdapter;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.keeping.SessionSourceService;
import io.github.samcoauth.application.port.in.AccountLoginCode;
import io.github.samcoauth.application.port.in.AccountWhoAmI;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.AuditHistoryUseCase;
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
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.application.port.in.StoredSession;
import io.github.samcoauth.application.port.in.WhoAmIUseCase;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditHistoryPort;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.service.ApiKeyLoginService;
import io.github.samcoauth.application.service.AuditHistoryService;
import io.github.samcoauth.application.service.CurrentSessionService;
import io.github.samcoauth.application.service.ListSessionsService;
import io.github.samcoauth.application.service.LoginService;
import io.github.samcoauth.application.service.LogoutService;
import io.github.samcoauth.application.service.MintLoginCodeService;
import io.github.samcoauth.application.service.OAuthLoginService;
import io.github.samcoauth.application.service.OriginScopedSessions;
import io.github.samcoauth.application.service.RefreshSessionService;
import io.github.samcoauth.application.service.RequestOtpService;
import io.github.samcoauth.application.service.WhoAmIService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Origin;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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
    private final AuditHistoryUseCase auditHistory;
    private final PruneSessionsUseCase pruneSessions;
    private final LogoutUseCase logout;
    private final ApiKeyLoginUseCase apiKeyLogin;
    private final RefreshSessionUseCase refresh;
    private final WhoAmIUseCase whoAmI;
    private final MintLoginCodeUseCase mintLoginCode;
    private final OAuthLoginUseCase oauth;
    /** The HTTP client this instance made (not one the platform passed in): closed with it. */
    private final Option<FeignSamcoApiAdapter> ownHttpClient;

    private final SessionStorePort store;
    private final SessionCoordinationPort coordination;
    private final Origin origin;
    private final Clock clock;
    private final Keeping keeping;
    private final ConcurrentMap<Option<AccountId>, SessionSourceUseCase> sources = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService background;
    private volatile boolean closed;

    /** How sessions are kept valid: the builder's settings for {@link #sessionSource()}. */
    private record Keeping(
            SessionSourceSettings settings,
            Supplier<Option<ApiCredentials>> credentials,
            SessionEvent.Listener listener) {}

    private SamcoAuth(
            SamcoApiPort samco,
            SessionStorePort store,
            AuditLogPort audit,
            AuditHistoryPort history,
            Clock clock,
            Option<FeignSamcoApiAdapter> ownHttpClient,
            Keeping keeping,
            Origin origin,
            UnaryOperator<SessionCoordinationPort> coordinated) {
        // sessions are seen only at the origin they were made at: a token never goes to another API
        var scoped = new OriginScopedSessions(
                store,
                coordinated.apply(
                        store instanceof SessionCoordinationPort shared ? shared : new InProcessCoordination(store)),
                origin);
        store = scoped;
        this.store = scoped;
        this.coordination = scoped;
        this.origin = origin;
        this.clock = clock;
        this.keeping = keeping;
        var sessions = new ListSessionsService(store, clock);
        this.requestOtp = new RequestOtpService(samco, store, audit, clock);
        this.login = new LoginService(samco, store, audit, clock);
        this.currentSession = new CurrentSessionService(store, clock);
        this.listSessions = sessions;
        this.auditHistory = new AuditHistoryService(history);
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

    /**
     * A builder with the defaults: Samco's production API, the file store in {@code ~/.samco}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The origin (scheme, host, port) of the Samco API this instance talks to: sessions it makes
     * are marked with it, and it sees and sends only sessions made there.
     *
     * @return the origin
     */
    public Origin origin() {
        return origin;
    }

    /**
     * {@code ~/.samco}: where sessions and the audit journal live unless told otherwise.
     *
     * @return the directory
     */
    public static Path defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".samco");
    }

    /**
     * Asks Samco to send an OTP (Samco has deprecated this endpoint).
     *
     * @param uid the user id as typed
     * @return what Samco said, or why it sent no OTP
     */
    public Either<AuthError, SamcoReply> requestOtp(String uid) {
        return RequestOtpCommand.of(uid).flatMap(requestOtp::requestOtp);
    }

    /**
     * Redeems a login code and stores the session. The code is sent at most once.
     *
     * @param code the login code as typed
     * @return the new session, or why there is none
     */
    public Either<AuthError, Session> login(String code) {
        return LoginCommand.of(code).flatMap(login::login);
    }

    /**
     * Logs in headless with the dashboard's API key and secret ({@code POST /session/token}) and
     * stores the session. Sent at most once; both are checked before anything is sent.
     *
     * @param apiKey the API key as the dashboard shows it
     * @param apiSecret the API secret as the dashboard shows it
     * @return the new session, or why there is none
     */
    public Either<AuthError, Session> loginWithApiKey(String apiKey, String apiSecret) {
        return ApiCredentials.of(apiKey, apiSecret).flatMap(apiKeyLogin::login);
    }

    /**
     * Starts an OAuth 2.1 login: the consent page's address (open it in the user's browser) for the
     * app's API key and its registered redirect URL, with a fresh random state. No I/O.
     *
     * @param apiKey the app's API key
     * @param redirectUrl the redirect URL registered for the app
     * @return the started login, or what is wrong with the input
     */
    public Either<AuthError, OAuthStart> startOAuth(String apiKey, String redirectUrl) {
        return oauth.start(apiKey, redirectUrl);
    }

    /**
     * Finishes it with what the browser brought to the redirect URL: the state is checked (in
     * constant time) before the code is exchanged, exactly once; the session and its refresh token
     * are stored.
     *
     * @param started the login as {@link #startOAuth} began it
     * @param callback what the redirect carried
     * @return the new session, or why there is none
     */
    public Either<AuthError, Session> finishOAuth(OAuthStart started, OAuthCallback callback) {
        return oauth.finish(started, callback);
    }

    /**
     * A new session the way the stored one was made (an API-key session with the credentials in the
     * command, an OAuth session with its refresh token, rotated); {@code NotRenewable} for a
     * login-code session, which only a person can renew.
     *
     * @param command which session, and the credentials of an API-key session
     * @return the new session, or why there is none
     */
    public Either<AuthError, Session> refresh(RefreshSessionCommand command) {
        return refresh.refresh(command);
    }

    /**
     * The IP Samco sees for the only valid session, and whether it is a registered static IP.
     *
     * @return what Samco said, or why it could not be asked
     */
    public Either<AuthError, AccountWhoAmI> whoami() {
        return whoAmI.whoami(CurrentSessionCommand.anyAccount());
    }

    /**
     * The IP Samco sees for the valid session of {@code account}, and whether it is a registered static IP.
     *
     * @param account the account
     * @return what Samco said, or why it could not be asked
     */
    public Either<AuthError, AccountWhoAmI> whoami(AccountId account) {
        return whoAmI.whoami(CurrentSessionCommand.forAccount(account));
    }

    /**
     * A fresh login code minted by the only valid session, for another device. Each call mints one.
     *
     * @return the code, or why there is none
     */
    public Either<AuthError, AccountLoginCode> mintLoginCode() {
        return mintLoginCode.mint(CurrentSessionCommand.anyAccount());
    }

    /**
     * A fresh login code minted by the valid session of {@code account}, for another device.
     *
     * @param account the account
     * @return the code, or why there is none
     */
    public Either<AuthError, AccountLoginCode> mintLoginCode(AccountId account) {
        return mintLoginCode.mint(CurrentSessionCommand.forAccount(account));
    }

    /**
     * The only valid session; {@code AccountRequired} when several accounts have one. No network.
     *
     * @return the session, or why there is none
     */
    public Either<AuthError, Session> current() {
        return currentSession.current(CurrentSessionCommand.anyAccount());
    }

    /**
     * The valid session of {@code account}. No network.
     *
     * @param account the account
     * @return the session, or why there is none
     */
    public Either<AuthError, Session> current(AccountId account) {
        return currentSession.current(CurrentSessionCommand.forAccount(account));
    }

    /**
     * Every stored session, valid and expired, ordered by account.
     *
     * @return the sessions, or why the store cannot be read
     */
    public Either<AuthError, List<StoredSession>> sessions() {
        return listSessions.list();
    }

    /**
     * The last {@code count} events of the audit journal (1 to 10,000), of {@code account} or of
     * every account when empty, oldest first: the journal the store keeps (a Redis store's streams,
     * else {@code audit.jsonl} in the state directory), or the platform's own when it can be read.
     *
     * @param account the account, or empty for every account
     * @param count how many events, 1 to 10,000
     * @return the events, or why the journal cannot be read
     */
    public Either<AuthError, List<AuditEvent>> auditHistory(Option<AccountId> account, int count) {
        return auditHistory.last(account, count);
    }

    /**
     * Removes the expired sessions; returns the accounts they belonged to.
     *
     * @return the accounts, or why the store cannot be changed
     */
    public Either<AuthError, List<AccountId>> pruneExpired() {
        return pruneSessions.pruneExpired();
    }

    /**
     * Logs out the only valid session: at Samco, then locally (even when Samco is unreachable).
     *
     * @return what was done at Samco and here, or why nothing could be
     */
    public Either<AuthError, LogoutResult> logout() {
        return logout.logout(new LogoutCommand(Option.none()));
    }

    /**
     * Logs out {@code account}, even when its session has expired (then only locally).
     *
     * @param account the account
     * @return what was done at Samco and here, or why nothing could be
     */
    public Either<AuthError, LogoutResult> logout(AccountId account) {
        return logout.logout(new LogoutCommand(Option.some(account)));
    }

    /**
     * The session of the only account with one, kept valid: read from memory on every call, renewed
     * ahead of expiry by one instance of the fleet that shares the store, renewed once when Samco
     * refuses it. One per account per instance; closed with this instance.
     *
     * @return the session source
     */
    public SessionSourceUseCase sessionSource() {
        return source(Option.none());
    }

    /**
     * The session of {@code account}, kept valid (see {@link #sessionSource()}).
     *
     * @param account the account
     * @return the session source
     */
    public SessionSourceUseCase sessionSource(AccountId account) {
        return source(Option.some(account));
    }

    private SessionSourceUseCase source(Option<AccountId> account) {
        return sources.computeIfAbsent(account, named -> {
            if (closed) {
                return new ClosedSource();
            }
            return new SessionSourceService(
                    named,
                    store,
                    coordination,
                    refresh,
                    Option.some(apiKeyLogin),
                    keeping.credentials(),
                    keeping.listener(),
                    clock,
                    keeping.settings(),
                    background());
        });
    }

    private ScheduledExecutorService background() {
        var running = background;
        if (running != null) {
            return running;
        }
        synchronized (sources) {
            if (background == null) {
                background = Executors.newScheduledThreadPool(2, r -> {
                    var thread = new Thread(r, "samco-session-keeper");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return background;
        }
    }

    /**
     * Sets {@code x-session-token} on a platform's own Feign requests from the kept session of the
     * only account with one ({@link #sessionSource()}): a memory read per request.
     *
     * @return the interceptor
     */
    public SessionHeaderInterceptor sessionHeaderInterceptor() {
        return new SessionHeaderInterceptor(sessionSource()::session);
    }

    /**
     * Sets {@code x-session-token} from the kept session of {@code account}.
     *
     * @param account the account
     * @return the interceptor
     */
    public SessionHeaderInterceptor sessionHeaderInterceptor(AccountId account) {
        return new SessionHeaderInterceptor(sessionSource(account)::session);
    }

    /**
     * The JDK's {@code client} with the kept session: the header on every request, one renewal and
     * one resend on a 401 (see {@link SessionHttpClient}).
     *
     * @param client the platform's client
     * @return the client with the session
     */
    public SessionHttpClient sessionHttpClient(java.net.http.HttpClient client) {
        return new SessionHttpClient(client, sessionSource());
    }

    /**
     * As {@link #sessionHttpClient(java.net.http.HttpClient)}, with {@code account}'s session.
     *
     * @param client the platform's client
     * @param account the account
     * @return the client with the session
     */
    public SessionHttpClient sessionHttpClient(java.net.http.HttpClient client, AccountId account) {
        return new SessionHttpClient(client, sessionSource(account));
    }

    /**
     * The companion of {@link #sessionHeaderInterceptor()} for a Feign client's {@code
     * errorDecoder}: a 401 renews the session once (fleet-wide) and the request is retried with the
     * new token by Feign's {@code Retryer}; every other answer goes to Feign's default decoder, or to
     * yours with {@code .delegatingTo(…)}. A 401 means Samco did not act on the request, so the
     * retry cannot do anything twice.
     *
     * @return the error decoder
     */
    public SessionRenewingErrorDecoder sessionRenewingErrorDecoder() {
        return new SessionRenewingErrorDecoder(sessionSource()::rejected);
    }

    /**
     * As {@link #sessionRenewingErrorDecoder()}, for {@code account}'s session.
     *
     * @param account the account
     * @return the error decoder
     */
    public SessionRenewingErrorDecoder sessionRenewingErrorDecoder(AccountId account) {
        return new SessionRenewingErrorDecoder(sessionSource(account)::rejected);
    }

    /**
     * Stops the session sources' background work and releases the HTTP client this instance made
     * (ports passed to the builder belong to the caller). The file store and journal hold nothing
     * open between calls.
     */
    @Override
    public void close() {
        closed = true;
        for (var source : sources.values()) {
            source.close();
        }
        var running = background;
        if (running != null) {
            running.shutdownNow();
        }
        if (ownHttpClient.isDefined()) {
            ownHttpClient.get().close();
        }
    }

    @Override
    public String toString() {
        return "SamcoAuth";
    }

    /**
     * The journal is best effort (a login Samco granted stands even when it cannot be recorded),
     * but never silently: a failed write is logged as a warning, which the CLI prints on stderr.
     */
    private record Reported(AuditLogPort audit) implements AuditLogPort {
        @Override
        public Either<AuthError, AuditEvent> record(AuditEvent event) {
            var recorded = audit.record(event);
            if (recorded.isLeft()) {
                LoggerFactory.getLogger(SamcoAuth.class)
                        .warn(
                                "The audit journal was not written ({}): {}",
                                event.type().label(),
                                recorded.getLeft().message());
            }
            return recorded;
        }
    }

    /** The default listener: each event logged at INFO. */
    private static final class LoggedEvents implements SessionEvent.Listener {
        @Override
        public void on(SessionEvent event) {
            LoggerFactory.getLogger(SamcoAuth.class)
                    .info(
                            "session {} of {}: {}",
                            event.type().label(),
                            event.account().value(),
                            event.detail());
        }
    }

    /** No API key: sessions are renewed by their own refresh token, if any. */
    private static final class NoCredentials implements Supplier<Option<ApiCredentials>> {
        @Override
        public Option<ApiCredentials> get() {
            return Option.none();
        }
    }

    /** Configures a {@link SamcoAuth}; {@link #build()} validates and wires, with no I/O. */
    public static final class Builder {
        private final SamcoHttpConfig.Builder http = SamcoHttpConfig.builder();
        private Path stateDir = defaultStateDir();
        private Clock clock = Clock.systemUTC();
        private Option<SessionStorePort> sessionStore = Option.none();
        private Option<SamcoApiPort> samcoApi = Option.none();
        private Option<AuditLogPort> auditLog = Option.none();
        private SessionSourceSettings keeping = SessionSourceSettings.DEFAULTS;
        private Supplier<Option<ApiCredentials>> credentials = new NoCredentials();
        private Option<String[]> rawCredentials = Option.none();
        private SessionEvent.Listener listener = new LoggedEvents();
        private final java.util.List<SessionEvent.Listener> alsoTold = new ArrayList<>();
        private UnaryOperator<SamcoApiPort> samcoApiDecorator = UnaryOperator.identity();
        private UnaryOperator<SessionCoordinationPort> coordinationDecorator = UnaryOperator.identity();

        private Builder() {}

        /**
         * Wraps the client of Samco's API (the default one, or {@link #samcoApi}'s) in {@code
         * decorator}: metrics and traces of every call, as {@code samco-auth-micrometer} does.
         * Decorators added one after another wrap in that order.
         *
         * @param decorator wraps the API client
         * @return this builder
         */
        public Builder decorateSamcoApi(UnaryOperator<SamcoApiPort> decorator) {
            var before = samcoApiDecorator;
            samcoApiDecorator = decorator == null ? null : api -> decorator.apply(before.apply(api));
            return this;
        }

        /**
         * Wraps the store's coordination of a fleet's renewals (reads, leases, changes) in {@code
         * decorator}: the wait for another instance's renewal, the store's failures.
         *
         * @param decorator wraps the coordination
         * @return this builder
         */
        public Builder decorateCoordination(UnaryOperator<SessionCoordinationPort> decorator) {
            var before = coordinationDecorator;
            coordinationDecorator =
                    decorator == null ? null : coordination -> decorator.apply(before.apply(coordination));
            return this;
        }

        /**
         * Told of every session event too, after the listener of {@link #onSessionEvent}.
         *
         * @param listener one more listener
         * @return this builder
         */
        public Builder alsoOnSessionEvent(SessionEvent.Listener listener) {
            alsoTold.add(listener);
            return this;
        }

        /**
         * The dashboard's API key and secret, with which an API-key session is renewed unattended.
         * Checked by {@link #build()}; kept in memory only.
         *
         * @param apiKey the API key as the dashboard shows it
         * @param apiSecret the API secret as the dashboard shows it
         * @return this builder
         */
        public Builder apiCredentials(String apiKey, String apiSecret) {
            this.rawCredentials = Option.some(new String[] {apiKey, apiSecret});
            return this;
        }

        /**
         * Where to get the API key and secret at each renewal (a vault, the environment).
         *
         * @param credentials asked at each renewal; none: an API-key session is not renewed
         * @return this builder
         */
        public Builder apiCredentials(Supplier<Option<ApiCredentials>> credentials) {
            this.credentials = credentials;
            this.rawCredentials = Option.none();
            return this;
        }

        /**
         * Renew this long before the session expires; default 10 minutes.
         *
         * @param before a positive duration
         * @return this builder
         */
        public Builder refreshBefore(Duration before) {
            return keeping(() -> keeping.withRefreshBefore(before));
        }

        /**
         * How often the store is read for a session saved by another instance; default 50 ms.
         *
         * @param every a positive duration
         * @return this builder
         */
        public Builder checkEvery(Duration every) {
            return keeping(() -> keeping.withCheckEvery(every));
        }

        /**
         * How long to wait for a renewal when the session has expired; default 30 s.
         *
         * @param wait a positive duration
         * @return this builder
         */
        public Builder renewalWait(Duration wait) {
            return keeping(() -> keeping.withWaitAtMost(wait));
        }

        /**
         * Told of renewals, failures, revocations, and sessions a person must renew. Default: logged.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onSessionEvent(SessionEvent.Listener listener) {
            this.listener = listener;
            return this;
        }

        private Option<AuthError> keepingProblem = Option.none();

        private Builder keeping(Supplier<SessionSourceSettings> change) {
            try {
                keeping = change.get();
            } catch (IllegalArgumentException | NullPointerException e) {
                keepingProblem = Option.some(new AuthError.InvalidInput(
                        new DomainError.Malformed("session keeping durations", "positive durations")));
            }
            return this;
        }

        /**
         * Default {@code https://tradeapi.samco.in}; plain http only to this machine.
         *
         * @param baseUrl Samco's base URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            http.baseUrl(baseUrl);
            return this;
        }

        /**
         * Default {@code ~/.samco}.
         *
         * @param stateDir the state directory
         * @return this builder
         */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /**
         * Default 10 s.
         *
         * @param timeout how long a connection may take to open
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            http.connectTimeout(timeout);
            return this;
        }

        /**
         * Default 30 s.
         *
         * @param timeout how long a whole exchange with Samco may take
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            http.requestTimeout(timeout);
            return this;
        }

        /**
         * An HTTP proxy between this process and Samco; its host is resolved at each request.
         *
         * @param host the proxy's host
         * @param port the proxy's port
         * @return this builder
         */
        public Builder proxy(String host, int port) {
            http.proxy(host, port);
            return this;
        }

        /**
         * Retries of requests that provably never left (refused, unknown host); 0 switches them off.
         *
         * @param retries 0 to 10
         * @return this builder
         */
        public Builder retries(int retries) {
            http.retries(retries);
            return this;
        }

        /**
         * Logs the HTTP exchange at DEBUG ({@code io.github.samcoauth.wire}), secrets masked.
         *
         * @param on {@code true} to log
         * @return this builder
         */
        public Builder wireLogging(boolean on) {
            http.wireLogging(on);
            return this;
        }

        /**
         * The clock sessions expire by; default the system's.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Replaces the file store, e.g. with a platform's own.
         *
         * @param store the store
         * @return this builder
         */
        public Builder sessionStore(SessionStorePort store) {
            this.sessionStore = Option.of(store);
            return this;
        }

        /**
         * Replaces the HTTP client of Samco's API, e.g. with a fake in tests.
         *
         * @param samcoApi the API client
         * @return this builder
         */
        public Builder samcoApi(SamcoApiPort samcoApi) {
            this.samcoApi = Option.of(samcoApi);
            return this;
        }

        /**
         * Replaces the journal of authentication events: by default a Redis store's streams (the
         * fleet's one journal), else {@code audit.jsonl} in the state directory. {@link
         * SamcoAuth#auditHistory} reads it back when it is an {@link AuditHistoryPort} too.
         *
         * @param audit the journal
         * @return this builder
         */
        public Builder auditLog(AuditLogPort audit) {
            this.auditLog = Option.of(audit);
            return this;
        }

        /**
         * Checks every setting and makes the facade.
         *
         * @return the facade, or what is wrong with the settings
         */
        public Either<AuthError, SamcoAuth> build() {
            if (stateDir == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("state directory")));
            }
            if (clock == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("clock")));
            }
            if (keepingProblem.isDefined()) {
                return Either.left(keepingProblem.get());
            }
            if (listener == null || credentials == null || alsoTold.contains(null)) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("session listener")));
            }
            if (samcoApiDecorator == null || coordinationDecorator == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("decorator")));
            }
            var supplied = credentials;
            if (rawCredentials.isDefined()) {
                var parsed = ApiCredentials.of(
                        rawCredentials.get()[0], rawCredentials.get()[1]);
                if (parsed.isLeft()) {
                    return Either.left(parsed.getLeft());
                }
                supplied = () -> Option.some(parsed.get());
            }
            var all = new ArrayList<SessionEvent.Listener>();
            all.add(listener);
            all.addAll(alsoTold);
            SessionEvent.Listener everyone = all.size() == 1
                    ? listener
                    : event -> {
                        for (var one : all) {
                            try {
                                one.on(event);
                            } catch (RuntimeException e) {
                                // a platform's listener failed; the others are told all the same
                            }
                        }
                    };
            var keepingWith = new Keeping(keeping, supplied, everyone);
            var config = http.build();
            if (config.isLeft()) {
                return Either.left(config.getLeft());
            }
            var dir = stateDir.toAbsolutePath();
            Option<FeignSamcoApiAdapter> own =
                    samcoApi.isEmpty() ? Option.some(new FeignSamcoApiAdapter(config.get())) : Option.none();
            SamcoApiPort samco = samcoApiDecorator.apply(samcoApi.isDefined() ? samcoApi.get() : own.get());
            if (samco == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("decorated Samco API")));
            }
            var store = sessionStore.isDefined() ? sessionStore.get() : new FileSessionStoreAdapter(dir, clock);
            var audit = auditLog.isDefined()
                    ? auditLog.get()
                    : store instanceof AuditLogPort alongside ? alongside : new FileAuditLogAdapter(dir);
            AuditHistoryPort history = audit instanceof AuditHistoryPort readable
                    ? readable
                    : (account, count) -> Either.left(new AuthError.StorageFailure(
                            "the audit journal is the platform's own ("
                                    + audit.getClass().getSimpleName() + "), which cannot be read back here",
                            Option.none()));
            var origin = Origin.of(config.get().baseUrl().toString());
            if (origin.isLeft()) {
                return Either.left(new AuthError.InvalidInput(origin.getLeft()));
            }
            return Either.right(new SamcoAuth(
                    samco,
                    store,
                    new Reported(audit),
                    history,
                    clock,
                    own,
                    keepingWith,
                    origin.get(),
                    coordination ->
                            Objects.requireNonNullElse(coordinationDecorator.apply(coordination), coordination)));
        }
    }
}
