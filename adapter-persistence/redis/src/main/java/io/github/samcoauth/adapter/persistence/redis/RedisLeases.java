package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort.Lease;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The renewal lease of each account ({@code …:lock}): taken with {@code SET NX PX} by a random
 * owner, kept alive by a watchdog while its holder renews, ended by its commit (in the write's own
 * script) or by compare-and-delete. A lock found with no expiry, or a longer one than the lease
 * time, is nobody's live lease: it is cut to the lease time and said once in the log.
 */
final class RedisLeases {

    /** How a lease's commit writes: the session, after the generation it read, under its owner. */
    @FunctionalInterface
    interface Writer {
        Either<AuthError, Long> write(Session session, long follows, String owner);
    }

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Duration ttl;
    private final Writer writer;
    private final SecureRandom random = new SecureRandom();
    private final Set<RedisLease> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "samco-redis-lock-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    RedisLeases(RedisConnection redis, RedisKeys keys, Duration ttl, Writer writer) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
        this.writer = writer;
    }

    Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var owner = HexFormat.of().formatHex(bytes);
        var lockKey = keys.lock(account);
        var taken = redis.call(
                "take the renewal lease",
                commands -> redis.script(RedisScripts.TAKE)
                        .<java.util.List<Object>>run(
                                commands,
                                new String[] {lockKey, keys.key(account, "generation")},
                                owner,
                                Long.toString(ttl.toMillis())));
        if (taken.isLeft()) {
            return Either.left(taken.getLeft());
        }
        var parts = taken.get();
        if (parts == null || parts.size() != 2 || !(parts.get(0) instanceof Long outcome)) {
            return Either.left(
                    new AuthError.UnexpectedResponse("Redis answered the lease's script with something else"));
        }
        if (outcome == 2L) {
            LoggerFactory.getLogger(RedisLeases.class)
                    .warn(
                            "The renewal lock {} had no expiry, or one longer than {} ms: no live instance holds"
                                    + " it so; it now lapses within that time",
                            lockKey,
                            ttl.toMillis());
        }
        if (outcome != 1L) {
            return Either.right(Option.none());
        }
        var lease = new RedisLease(
                account, owner, RedisSessionStoreAdapter.generation(RedisSessionStoreAdapter.text(parts.get(1))));
        held.add(lease);
        long every = Math.max(1, ttl.toMillis() / 3);
        lease.keepAlive = watchdog.scheduleWithFixedDelay(lease::prolong, every, every, TimeUnit.MILLISECONDS);
        return Either.right(Option.some(lease));
    }

    /** Releases every lease held here and stops the watchdog. */
    void close() {
        for (var one : List.ofAll(held)) {
            one.release();
        }
        watchdog.shutdownNow();
    }

    /** One lease: its owner, the generation when it was taken, its watchdog. Ends once. */
    private final class RedisLease implements Lease {
        private final AccountId account;
        private final String owner;
        private final long generation;
        private volatile ScheduledFuture<?> keepAlive;
        private volatile boolean ended;

        RedisLease(AccountId account, String owner, long generation) {
            this.account = account;
            this.owner = owner;
            this.generation = generation;
        }

        @Override
        public AccountId account() {
            return account;
        }

        @Override
        public synchronized Either<AuthError, VersionedSession> commit(Session session) {
            if (ended || !session.accountId().equals(account)) {
                return Either.left(new AuthError.StorageFailure(
                        "the renewal lease of " + account.value() + " has ended: nothing was written",
                        Option.some(keys.lock(account))));
            }
            // a refused commit leaves the lease to its holder's release (a lost one releases nothing)
            var written = writer.write(session, generation, owner);
            if (written.isRight()) {
                stop();
            }
            return written.map(stored -> new VersionedSession(Option.some(session), stored));
        }

        @Override
        public synchronized Either<AuthError, Boolean> release() {
            if (ended) {
                return Either.right(false);
            }
            stop();
            return redis.call(
                            "release the renewal lease",
                            commands -> redis.script(RedisScripts.RELEASE)
                                    .<Long>run(commands, new String[] {keys.lock(account)}, owner))
                    .map(released -> released == 1L);
        }

        private void prolong() {
            var kept = redis.call(
                    "keep the renewal lease",
                    commands -> redis.script(RedisScripts.PROLONG)
                            .<Long>run(
                                    commands, new String[] {keys.lock(account)}, owner, Long.toString(ttl.toMillis())));
            if (kept.isRight() && kept.get() == 0L) {
                stop();
            }
        }

        /** No longer kept alive, nor released on close. */
        private void stop() {
            ended = true;
            held.remove(this);
            var future = keepAlive;
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
