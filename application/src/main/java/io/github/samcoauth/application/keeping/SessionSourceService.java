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
 *   <li>Across processes and hosts, a renewal follows the fleet's protocol ({@link LeasedRenewal}):
 *       under the account's lease of the {@link SessionCoordinationPort}, the holder reads the store
 *       once, renews and commits; the others wait for the store's generation to move.
 *   <li>The store is read when it pushes a change (and by a jittered safety read every 10 to 12 s),
 *       or every {@link SessionSourceSettings#checkEvery()} from a store that cannot push ({@link
 *       CheckSchedule}): a session saved elsewhere replaces the one in memory, a removed one is
 *       dropped, a store that lost it (restarted empty) gets it back, and a store that cannot be
 *       reached is said once.
 * </ul>
 *
 * Renewal uses the session's own method: OAuth rotates the stored refresh token (used once, never
 * again after a failure: it may have been spent), API key logs in with the credentials the
 * platform supplies (again after {@link SessionSourceSettings#retryAfter()} if it failed), a login
 * code cannot be renewed without a person ({@link SessionEvent.Type#NOT_RENEWABLE}).
 */
public final class SessionSourceService implements SessionSourceUseCase {

    private final SessionStorePort store;
    private final SessionCoordinationPort coordination;
    private final Supplier<Option<ApiCredentials>> credentials;
    private final Clock clock;
    private final SessionSourceSettings settings;
    private final ScheduledExecutorService executor;
    private final SessionEvents events;
    private final CheckSchedule schedule;
    private final Option<FirstLogin> firstLogin;

    private final KeptSession kept;
    private final LeasedRenewal leased;
    private volatile AccountId account;

    private final AtomicReference<CompletableFuture<Either<AuthError, Session>>> renewal = new AtomicReference<>();

    /**
     * A source that keeps the session of {@code account}, renewing it through {@code refresh}.
     *
     * @param account the account to keep; none: the only account with a stored session
     * @param credentials the API key and secret an API-key session is renewed with, asked for at
     *     each renewal (none: such a session is not renewed)
     * @param executor runs the background checks and renewals; this source does not own it
     * @param store where the session is kept
     * @param coordination the store's renewal protocol
     * @param refresh renews a session the way it was made
     * @param listener told of each {@link SessionEvent}
     * @param clock the time
     * @param settings when to renew, how long to wait
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
     *
     * @param account the account to keep; none: the only account with a stored session
     * @param store where the session is kept
     * @param coordination the store's renewal protocol
     * @param refresh renews a session the way it was made
     * @param apiKeyLogin logs a named account in with the API credentials when the store has no session of it
     * @param credentials the API key and secret, asked for at each renewal (none: an API-key session is not renewed)
     * @param listener told of each {@link SessionEvent}
     * @param clock the time
     * @param settings when to renew, how long to wait
     * @param executor runs the background checks and renewals; this source does not own it
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
        this.account = account.getOrNull();
        this.store = store;
        this.coordination = coordination;
        this.credentials = credentials;
        this.events = new SessionEvents(listener);
        this.clock = clock;
        this.settings = settings;
        this.executor = executor;
        this.kept = new KeptSession(account, events, clock, settings.refreshBefore());
        this.firstLogin = apiKeyLogin.map(login -> new FirstLogin(coordination, login, events, clock, settings, kept));
        this.leased = new LeasedRenewal(coordination, refresh, credentials, events, clock, settings, kept);
        this.schedule =
                new CheckSchedule(executor, settings.checkEvery().toMillis(), this::untilRefresh, this::checkQuietly);
    }

    /** Milliseconds until the session in use enters its renewal window; none in use: never. */
    private long untilRefresh() {
        var snapshot = kept.current();
        return snapshot == null ? Long.MAX_VALUE : snapshot.refreshAt() - clock.millis();
    }

    @Override
    public Either<AuthError, Session> session() {
        var snapshot = kept.current();
        if (snapshot != null && clock.millis() < snapshot.refreshAt()) {
            return snapshot.answer();
        }
        return slowPath();
    }

    private Either<AuthError, Session> slowPath() {
        var snapshot = kept.current();
        if (snapshot == null) {
            snapshot = load();
            if (snapshot == null) {
                // a store that answered and holds no session: the fleet's first login, if this source may
                var missing = kept.missing();
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
        var snapshot = kept.current();
        if (snapshot == null) {
            // not loaded yet: the store may hold the very token Samco refused, which is never answered
            snapshot = load();
            if (snapshot == null) {
                return kept.missing();
            }
        }
        if (snapshot.session().token().equals(token)) {
            kept.refuse(snapshot);
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
        return kept.locked(() -> {
            if (kept.current() != null) {
                return kept.current();
            }
            var found = read();
            if (found.isLeft()) {
                kept.none(Either.left(found.getLeft()));
                return null;
            }
            var stored = found.get();
            if (stored.session().isEmpty() || kept.older(stored.session().get())) {
                // none, or one older than this instance has handed out already (never go back)
                kept.noneStored(account);
                return null;
            }
            kept.adopt(stored.session().get(), stored.generation(), "loaded");
            return kept.current();
        });
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
            var snapshot = kept.current();
            if (!(found.getLeft() instanceof AuthError.AccountRequired) && kept.storeDown(true) && snapshot != null) {
                events.say(
                        SessionEvent.Type.STORE_UNAVAILABLE,
                        snapshot.session(),
                        found.getLeft().message() + "; the session in memory is used until it expires");
            }
            return;
        }
        var before = kept.current();
        if (kept.storeDown(false) && before != null) {
            events.say(SessionEvent.Type.STORE_AVAILABLE, before.session(), "the store answers again");
        }
        var stored = found.get();
        kept.locked(() -> {
            look(stored);
            return null;
        });
        var snapshot = kept.current();
        if (snapshot != null && clock.millis() >= snapshot.refreshAt()) {
            var outcome = renew(snapshot).getNow(null);
            // expired, and its renewal failed: no successor (said once; a refused one was said as revoked)
            if (outcome != null
                    && outcome.isLeft()
                    && !snapshot.isRefused()
                    && clock.millis() >= snapshot.expiresAt()
                    && kept.current() == snapshot) {
                events.expired(snapshot.session(), outcome.getLeft().message());
            }
        }
    }

    /** What a check does with what it read; under the kept session's lock. */
    private void look(VersionedSession stored) {
        var snapshot = kept.current();
        if (stored.session().isEmpty()) {
            if (snapshot == null) {
                kept.noneStored(account);
                logInFirst();
            } else if (stored.generation() < snapshot.generation()) {
                // the store lost it (restarted empty): put it back, or log in if it has expired
                if (!restore(snapshot) && snapshot.session().method() == LoginMethod.API_KEY) {
                    kept.noneStored(account);
                    logInFirst();
                }
            } else {
                kept.noneStored(account);
                events.say(SessionEvent.Type.REMOVED, snapshot.session(), "the session was removed from the store");
            }
            return;
        }
        var session = stored.session().get();
        if ((snapshot == null || !snapshot.sameAs(session)) && kept.older(session)) {
            putNewerBack(snapshot);
        } else if (snapshot == null || !snapshot.sameAs(session)) {
            kept.adopt(session, stored.generation(), "saved by another instance");
        } else if (snapshot.generation() != stored.generation()) {
            kept.regenerate(snapshot, stored.generation());
        }
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
            return running != null ? running : CompletableFuture.completedFuture(kept.answer());
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

    private Either<AuthError, Session> awaited(CompletableFuture<Either<AuthError, Session>> renewing) {
        try {
            var result = renewing.get(settings.waitAtMost().toMillis(), TimeUnit.MILLISECONDS);
            // the session in use now: the renewal's own, or a newer one adopted meanwhile (never an
            // older answer than the instance already gives)
            var snapshot = kept.current();
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
