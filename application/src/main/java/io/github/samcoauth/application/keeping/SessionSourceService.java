package io.github.samcoauth.application.keeping;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An account's session kept valid for a whole fleet.
 *
 * <ul>
 *   <li>{@link #session()} is a read of one volatile field and the clock while the session is
 *       outside its renewal window.
 *   <li>Inside the window, the first caller (or the background check) starts one renewal in this
 *       process; the others keep the still-valid session. Only when it has truly expired do callers
 *       wait for the renewal, at most {@link SessionSourceSettings#waitAtMost()}.
 *   <li>Across processes and hosts, a renewal runs under the account's lock of the {@link
 *       SessionCoordinationPort}; the winner reads the store again before logging in (another may
 *       just have renewed), the others wait for the store's generation to move.
 *   <li>Every {@link SessionSourceSettings#checkEvery()}, the store is read: a session saved
 *       elsewhere replaces the one in memory, a removed one is dropped, a store that lost it
 *       (restarted empty) gets it back, and a store that cannot be reached is said once.
 * </ul>
 *
 * Renewal uses the session's own method: OAuth rotates the stored refresh token (used once, never
 * again after a failure: it may have been spent), API key logs in with the credentials the
 * platform supplies (again after {@link SessionSourceSettings#retryAfter()} if it failed), a login
 * code cannot be renewed without a person ({@link SessionEvent.Type#NOT_RENEWABLE}).
 */
public final class SessionSourceService implements SessionSourceUseCase {

    private final Option<AccountId> wanted;
    private final SessionStorePort store;
    private final SessionCoordinationPort coordination;
    private final RefreshSessionUseCase refresh;
    private final Supplier<Option<ApiCredentials>> credentials;
    private final Clock clock;
    private final SessionSourceSettings settings;
    private final ScheduledExecutorService executor;
    private final SessionEvents events;
    private final CheckSchedule schedule;
    private final Option<FirstLogin> firstLogin;

    private volatile Snapshot current;
    private volatile AccountId account;
    private volatile Either<AuthError, Session> missing;
    private final LeasedRenewal leased;

    private volatile boolean storeDown;
    /** When the newest session this instance has used was issued: it never goes back to an older one. */
    private volatile Instant newest = Instant.MIN;

    private final AtomicReference<CompletableFuture<Either<AuthError, Session>>> renewal = new AtomicReference<>();
    private final Object loading = new Object();

    /**
     * @param account the account to keep; none: the only account with a stored session
     * @param credentials the API key and secret an API-key session is renewed with, asked for at
     *     each renewal (none: such a session is not renewed)
     * @param executor runs the background checks and renewals; this source does not own it
     */
    public SessionSourceService(
            Option<AccountId> account,
            SessionStorePort store,
            SessionCoordinationPort coordination,
            RefreshSessionUseCase refresh,
            Supplier<Option<ApiCredentials>> credentials,
            SessionEvent.Listener listener,
            Clock clock,
            SessionSourceSettings settings,
            ScheduledExecutorService executor) {
        this(account, store, coordination, refresh, Option.none(), credentials, listener, clock, settings, executor);
    }

    /**
     * As above, and with {@code apiKeyLogin}: a named account that has no session in the store (a
     * cold start, or a store that lost an expired session) is logged in with the API credentials,
     * once for the whole fleet, under the account's lease.
     */
    public SessionSourceService(
            Option<AccountId> account,
            SessionStorePort store,
            SessionCoordinationPort coordination,
            RefreshSessionUseCase refresh,
            Option<ApiKeyLoginUseCase> apiKeyLogin,
            Supplier<Option<ApiCredentials>> credentials,
            SessionEvent.Listener listener,
            Clock clock,
            SessionSourceSettings settings,
            ScheduledExecutorService executor) {
        this.wanted = account;
        this.account = account.getOrNull();
        this.store = store;
        this.coordination = coordination;
        this.refresh = refresh;
        this.credentials = credentials;
        this.events = new SessionEvents(listener);
        this.clock = clock;
        this.settings = settings;
        this.executor = executor;
        this.missing = Either.left(new AuthError.NoSession(account));
        this.firstLogin =
                apiKeyLogin.map(login -> new FirstLogin(coordination, login, events, clock, settings, new Adoption()));
        this.leased = new LeasedRenewal(coordination, refresh, credentials, events, clock, settings, new Outcome());
        this.schedule =
                new CheckSchedule(executor, settings.checkEvery().toMillis(), this::untilRefresh, this::checkQuietly);
    }

    /** Milliseconds until the session in use enters its renewal window; none in use: never. */
    private long untilRefresh() {
        var snapshot = current;
        return snapshot == null ? Long.MAX_VALUE : snapshot.refreshAt() - clock.millis();
    }

    @Override
    public Either<AuthError, Session> session() {
        var snapshot = current;
        if (snapshot != null && clock.millis() < snapshot.refreshAt()) {
            return snapshot.answer();
        }
        return slowPath();
    }

    private Either<AuthError, Session> slowPath() {
        var snapshot = current;
        if (snapshot == null) {
            snapshot = load();
            if (snapshot == null) {
                // a store that answered and holds no session: the fleet's first login, if this source may
                var login = missing.getLeft() instanceof AuthError.NoSession
                        ? logInFirst()
                        : Option.<CompletableFuture<Either<AuthError, Session>>>none();
                return login.isDefined() ? awaited(login.get()) : missing;
            }
        }
        long now = clock.millis();
        if (now < snapshot.refreshAt()) {
            return snapshot.answer();
        }
        var renewing = renew(snapshot);
        if (now < snapshot.expiresAt()) {
            return snapshot.answer();
        }
        return awaited(renewing);
    }

    @Override
    public Either<AuthError, Session> rejected(SessionToken token) {
        var snapshot = current;
        if (snapshot == null) {
            // not loaded yet: the store may hold the very token Samco refused, which is never answered
            snapshot = load();
            if (snapshot == null) {
                return missing;
            }
        }
        if (!snapshot.session().token().equals(token)) {
            return session();
        }
        synchronized (loading) {
            if (current == snapshot && !snapshot.isRefused()) {
                current = snapshot.refused();
                events.revoked(snapshot.session());
            }
        }
        return session();
    }

    @Override
    public void close() {
        schedule.close();
    }

    // --- loading -------------------------------------------------------------------------------

    /** The first read of the store; single flight. */
    private Snapshot load() {
        synchronized (loading) {
            if (current != null) {
                return current;
            }
            var found = read();
            if (found.isLeft()) {
                missing = Either.left(found.getLeft());
                return null;
            }
            var stored = found.get();
            if (stored.session().isEmpty() || older(stored.session().get())) {
                // none, or one older than this instance has handed out already (never go back)
                missing = noSession(account);
                return null;
            }
            adopt(stored.session().get(), stored.generation(), "loaded");
            return current;
        }
    }

    /** The stored session of the account, resolving the account on first use when none was named. */
    private Either<AuthError, VersionedSession> read() {
        if (account == null) {
            var all = store.findAll();
            if (all.isLeft()) {
                return Either.left(all.getLeft());
            }
            if (all.get().isEmpty()) {
                return Either.right(new VersionedSession(Option.none(), 0));
            }
            if (all.get().size() > 1) {
                return Either.left(new AuthError.AccountRequired(
                        all.get().map(Session::accountId).sorted()));
            }
            account = all.get().head().accountId();
        }
        if (!schedule.pushed() && coordination.watch(account, schedule.onChange())) {
            schedule.pushedFromNowOn();
        }
        return coordination.read(account);
    }

    // --- background checks ---------------------------------------------------------------------

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // a listener or an adapter broke its promise; the next check tries again
        }
    }

    /** One look at the store: adopt, drop, restore, renew; say when the store goes or comes back. */
    void check() {
        var found = read();
        if (found.isLeft()) {
            if (!storeDown && !(found.getLeft() instanceof AuthError.AccountRequired)) {
                storeDown = true;
                var snapshot = current;
                if (snapshot != null) {
                    events.say(
                            SessionEvent.Type.STORE_UNAVAILABLE,
                            snapshot.session(),
                            found.getLeft().message() + "; the session in memory is used until it expires");
                }
            }
            return;
        }
        if (storeDown) {
            storeDown = false;
            var snapshot = current;
            if (snapshot != null) {
                events.say(SessionEvent.Type.STORE_AVAILABLE, snapshot.session(), "the store answers again");
            }
        }
        var stored = found.get();
        synchronized (loading) {
            var snapshot = current;
            if (stored.session().isEmpty()) {
                if (snapshot == null) {
                    missing = noSession(account);
                    logInFirst();
                } else if (stored.generation() < snapshot.generation()) {
                    // the store lost it (restarted empty): put it back, or log in if it has expired
                    if (!restore(snapshot) && snapshot.session().method() == LoginMethod.API_KEY) {
                        current = null;
                        missing = noSession(account);
                        logInFirst();
                    }
                } else {
                    current = null;
                    missing = noSession(account);
                    events.say(SessionEvent.Type.REMOVED, snapshot.session(), "the session was removed from the store");
                }
                return;
            }
            var session = stored.session().get();
            if ((snapshot == null || !snapshot.sameAs(session)) && older(session)) {
                putNewerBack(snapshot);
            } else if (snapshot == null || !snapshot.sameAs(session)) {
                adopt(session, stored.generation(), "saved by another instance");
            } else if (snapshot.generation() != stored.generation() && !snapshot.isRefused()) {
                current = Snapshot.of(session, stored.generation(), settings.refreshBefore());
            }
        }
        var snapshot = current;
        if (snapshot != null && clock.millis() >= snapshot.refreshAt()) {
            renew(snapshot);
        }
    }

    /** The answer while the store holds no session of {@code account} (null: not resolved yet). */
    private static Either<AuthError, Session> noSession(AccountId account) {
        return Either.left(new AuthError.NoSession(Option.of(account)));
    }

    /** Puts a session the store lost back; {@code false} when it has expired (nothing to put back). */
    private boolean restore(Snapshot snapshot) {
        if (!snapshot.session().isValidAt(clock.instant())) {
            return false;
        }
        coordination.restore(snapshot.session(), snapshot.generation()).peek(restored -> {
            if (restored) {
                events.say(SessionEvent.Type.RESTORED, snapshot.session(), "the store had lost the session; put back");
            }
        });
        return true;
    }

    // --- first login ---------------------------------------------------------------------------

    /**
     * The fleet-wide first login under way, started if none is, when this source may make one: a
     * named account, an API-key login, credentials, and no recent failure.
     */
    private Option<CompletableFuture<Either<AuthError, Session>>> logInFirst() {
        var id = account;
        if (id == null || firstLogin.isEmpty()) {
            return Option.none();
        }
        var failed = firstLogin.get().recentFailure();
        if (failed.isDefined()) {
            return Option.some(CompletableFuture.completedFuture(Either.left(failed.get())));
        }
        var given = credentials.get();
        if (given == null || given.isEmpty()) {
            return Option.none();
        }
        return Option.some(single(() -> firstLogin.get().run(id, given.get())));
    }

    /** How {@link FirstLogin} hands over a session it found or made. */
    private final class Adoption implements FirstLogin.Adoption {
        @Override
        public Option<Either<AuthError, Session>> ifValid(VersionedSession stored, String how) {
            if (stored.session().isEmpty()
                    || !stored.session().get().isValidAt(clock.instant())
                    || older(stored.session().get())) {
                return Option.none();
            }
            var session = stored.session().get();
            synchronized (loading) {
                if (current == null || !current.sameAs(session)) {
                    adopt(session, stored.generation(), how);
                    events.renewed(session, how);
                }
            }
            return Option.some(Either.right(session));
        }

        @Override
        public void adopt(Session session, long generation, String how) {
            synchronized (loading) {
                SessionSourceService.this.adopt(session, generation, how);
            }
        }
    }

    /** Whether {@code stored} was issued before a session this instance has used already. */
    private boolean older(Session stored) {
        return stored.issuedAt().isBefore(newest);
    }

    /**
     * The store holds an older session than the one in use here (it lost the newer one and got an
     * older back): the newer goes back, so that the fleet converges on it; one that Samco refused,
     * or that has expired, is left to the renewal.
     */
    private void putNewerBack(Snapshot snapshot) {
        // not while this instance renews: its save would end the lease the renewal runs under
        if (snapshot != null
                && renewal.get() == null
                && !snapshot.isRefused()
                && snapshot.session().isValidAt(clock.instant())) {
            store.save(snapshot.session());
        }
    }

    /**
     * Uses {@code session} from now on; called with {@link #loading} held. {@code renewed} is said
     * once per new session: a renewal's own save, seen again by a check, is not a second one.
     */
    private void adopt(Session session, long generation, String how) {
        var before = current;
        current = Snapshot.of(session, generation, settings.refreshBefore());
        if (session.issuedAt().isAfter(newest)) {
            newest = session.issuedAt();
        }
        leased.forget();
        if (before != null && !before.sameAs(session)) {
            events.renewed(session, how);
        }
    }

    // --- renewal -------------------------------------------------------------------------------

    /** The renewal of {@code snapshot}'s session under way, started if none is. */
    private CompletableFuture<Either<AuthError, Session>> renew(Snapshot snapshot) {
        var session = snapshot.session();
        if (session.method() == LoginMethod.LOGIN_CODE) {
            events.notRenewable(session);
            return CompletableFuture.completedFuture(
                    Either.left(new AuthError.NotRenewable(session.accountId(), session.method())));
        }
        var failed = leased.recentFailure(session);
        if (failed.isDefined()) {
            return CompletableFuture.completedFuture(Either.left(failed.get()));
        }
        return single(() -> leased.run(session, snapshot.generation()));
    }

    /** Runs {@code work} on the executor unless a renewal or first login is under way: single flight. */
    private CompletableFuture<Either<AuthError, Session>> single(Supplier<Either<AuthError, Session>> work) {
        var mine = new CompletableFuture<Either<AuthError, Session>>();
        if (!renewal.compareAndSet(null, mine)) {
            var running = renewal.get();
            return running != null
                    ? running
                    : CompletableFuture.completedFuture(current().getOrElse(missing));
        }
        try {
            executor.execute(() -> {
                Either<AuthError, Session> result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    result = Either.left(new AuthError.Unavailable("the renewal failed unexpectedly"));
                } finally {
                    renewal.set(null);
                }
                mine.complete(result);
            });
        } catch (RuntimeException rejected) {
            renewal.set(null);
            mine.complete(Either.left(new AuthError.Unavailable("the session source is closed")));
        }
        return mine;
    }

    private Option<Either<AuthError, Session>> current() {
        return Option.of(current).map(Snapshot::answer);
    }

    /** How {@link LeasedRenewal} hands over what it found or made. */
    private final class Outcome implements LeasedRenewal.Outcome {
        @Override
        public Option<Either<AuthError, Session>> adoptIfRenewed(Session stale, VersionedSession stored) {
            if (stored.session().isEmpty()) {
                return Option.none();
            }
            var session = stored.session().get();
            var snapshot = Snapshot.of(session, stored.generation(), settings.refreshBefore());
            if (session.token().equals(stale.token()) || clock.millis() >= snapshot.refreshAt() || older(session)) {
                return Option.none();
            }
            synchronized (loading) {
                if (current == null || !current.sameAs(session)) {
                    SessionSourceService.this.adopt(session, stored.generation(), "renewed by another instance");
                }
            }
            return Option.some(Either.right(session));
        }

        @Override
        public void adopt(Session renewed, long generation, String how) {
            synchronized (loading) {
                SessionSourceService.this.adopt(renewed, generation, how);
            }
        }

        @Override
        public Either<AuthError, Session> removed(Session stale) {
            synchronized (loading) {
                if (current != null && current.sameAs(stale)) {
                    current = null;
                    missing = noSession(stale.accountId());
                    events.say(SessionEvent.Type.REMOVED, stale, "the session was removed from the store");
                }
            }
            return missing;
        }

        @Override
        public boolean storeDown() {
            return storeDown;
        }
    }

    private Either<AuthError, Session> awaited(CompletableFuture<Either<AuthError, Session>> renewing) {
        try {
            var result = renewing.get(settings.waitAtMost().toMillis(), TimeUnit.MILLISECONDS);
            // the session in use now: the renewal's own, or a newer one adopted meanwhile (never an
            // older answer than the instance already gives)
            var snapshot = current;
            if (snapshot != null && clock.millis() < snapshot.expiresAt()) {
                return snapshot.answer();
            }
            return result;
        } catch (TimeoutException e) {
            return Either.left(new AuthError.Unavailable("the session expired and its renewal did not finish within "
                    + settings.waitAtMost().toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new AuthError.Unavailable("interrupted while waiting for the session's renewal"));
        } catch (Exception e) {
            return Either.left(new AuthError.Unavailable("the renewal failed unexpectedly"));
        }
    }
}
