package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.RenewalLease;
import io.github.samcoauth.domain.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The renewal lease of each account ({@code …:lock}): taken with {@code SET NX PX} by a random
 * owner, kept alive by a watchdog while its holder renews, released by compare-and-delete. A lock
 * found with no expiry, or a longer one than the lease time, is nobody's live lease: it is cut to
 * the lease time and said once in the log.
 */
final class RedisLeases {

    private record Held(RenewalLease lease, ScheduledFuture<?> keepAlive) {}

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<AccountId, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "samco-redis-lock-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    RedisLeases(RedisConnection redis, RedisKeys keys, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
    }

    Either<AuthError, Option<RenewalLease>> tryLock(AccountId account) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var owner = HexFormat.of().formatHex(bytes);
        var lockKey = keys.lock(account);
        var taken = redis.call(
                "take the renewal lock",
                commands -> RedisScripts.TAKE.<Long>run(
                        commands, new String[] {lockKey}, owner, Long.toString(ttl.toMillis())));
        if (taken.isLeft()) {
            return Either.left(taken.getLeft());
        }
        if (taken.get() == 2L) {
            LoggerFactory.getLogger(RedisLeases.class)
                    .warn(
                            "The renewal lock {} had no expiry, or one longer than {} ms: no live instance holds"
                                    + " it so; it now lapses within that time",
                            lockKey,
                            ttl.toMillis());
        }
        if (taken.get() != 1L) {
            return Either.right(Option.none());
        }
        var lease = new RenewalLease(account, owner);
        long every = Math.max(1, ttl.toMillis() / 3);
        var keepAlive = watchdog.scheduleWithFixedDelay(() -> prolong(lease), every, every, TimeUnit.MILLISECONDS);
        held.put(account, new Held(lease, keepAlive));
        return Either.right(Option.some(lease));
    }

    /** The owner of the account's lease this instance holds ({@code ""}: none), for a save that ends it. */
    String ownerHeld(AccountId account) {
        return Option.of(held.get(account)).map(h -> h.lease().owner()).getOrElse("");
    }

    private void prolong(RenewalLease lease) {
        var kept = redis.call(
                "keep the renewal lock",
                commands -> RedisScripts.PROLONG.<Long>run(
                        commands,
                        new String[] {keys.lock(lease.account())},
                        lease.owner(),
                        Long.toString(ttl.toMillis())));
        if (kept.isRight() && kept.get() == 0L) {
            forget(lease.account(), lease.owner());
        }
    }

    /** Stops keeping the lease alive (it was released, lost, or ended by a save). */
    void forget(AccountId account, String owner) {
        var was = held.get(account);
        if (was != null && was.lease().owner().equals(owner) && held.remove(account, was)) {
            was.keepAlive().cancel(false);
        }
    }

    Either<AuthError, Boolean> release(RenewalLease lease) {
        forget(lease.account(), lease.owner());
        return redis.call(
                        "release the renewal lock",
                        commands -> RedisScripts.RELEASE.<Long>run(
                                commands, new String[] {keys.lock(lease.account())}, lease.owner()))
                .map(released -> released == 1L);
    }

    /** Releases every lease held here and stops the watchdog. */
    void close() {
        for (var one : List.ofAll(held.values())) {
            release(one.lease());
        }
        watchdog.shutdownNow();
    }
}
