package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vavr.control.Either;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Changes of each account's session, pushed: one subscription per instance to each account's
 * channel ({@code …:changes}, published by every save, delete and restore), its watchers told of
 * each message, and of every loss or return of the notification connection (they then read).
 * Waiters for another instance's renewal wake on a message and look every 100 ms as well.
 *
 * <p>On a cluster a shard channel lives on the primary of its slot, and Lettuce does not move a
 * subscription when the slot does (a failover, a migration, a primary killed): Redis ends it with
 * {@code SUNSUBSCRIBE}, or it dies with the node. So every shard channel is subscribed again when
 * Lettuce sees the topology change, and when Redis ends one (after the slot map is read again),
 * and the watchers are told (they read what they may have missed). A node that ended a
 * subscription is not trusted with it again while the slot map still names it the slot's primary:
 * that map is older than the change (a node that has not heard of a failover yet answered it), so
 * the map is read again until it names another node.
 */
final class RedisChanges {

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    /** On a cluster: each shard channel Redis ended, and the id of the node that ended it. */
    private final ConcurrentMap<String, String> endedBy = new ConcurrentHashMap<>();

    private final Object arrived = new Object();
    private final ConcurrentMap<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final RedisConnectionStateListener connectionState = new RedisConnectionStateListener() {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (redis.isNotifications(connection)) {
                tellEveryWatcher();
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (redis.isNotifications(connection)) {
                tellEveryWatcher();
            }
        }
    };

    private final reactor.core.Disposable topologyChanges;
    private volatile boolean closed;

    RedisChanges(RedisConnection redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        redis.client().addListener(connectionState);
        this.topologyChanges = redis.isCluster()
                ? redis.client()
                        .getResources()
                        .eventBus()
                        .get()
                        .filter(ClusterTopologyChangedEvent.class::isInstance)
                        .subscribe(event -> resubscribe(0), error -> {})
                : null;
    }

    /** Tries to subscribe a cluster's shard channels again before the safety reads are left to it. */
    private static final int RESUBSCRIBE_TRIES = 20;

    /**
     * Every shard channel subscribed again, on the primary that holds its slot now (Lettuce routes
     * {@code SSUBSCRIBE} by slot; a channel still subscribed there is not doubled), then every
     * watcher told. Asynchronous: it runs on Lettuce's threads, which must not block. When the slot
     * map is not settled yet (a primary just promoted: a subscription failed, or the map still names
     * the node that ended one), the map is read again and the subscriptions tried again half a
     * second later, {@value #RESUBSCRIBE_TRIES} times at most; after that a channel goes where the
     * map says (a replica of its shard serves it too) and Lettuce's periodic refresh of the map
     * moves it on.
     */
    private void resubscribe(int tried) {
        var notifications = redis.currentNotifications();
        if (closed || notifications == null || subscribed.isEmpty()) {
            return;
        }
        boolean lastTry = tried + 1 >= RESUBSCRIBE_TRIES;
        var stale = new java.util.concurrent.atomic.AtomicBoolean();
        var again = subscribed.stream()
                .filter(channel -> {
                    boolean staleMap = endedBy.containsKey(channel)
                            && redis.primaryOfSlot(channel).contains(endedBy.get(channel));
                    stale.compareAndSet(false, staleMap);
                    return !staleMap || lastTry;
                })
                .map(channel -> notifications
                        .async()
                        .ssubscribe(channel)
                        .toCompletableFuture()
                        .thenRun(() -> endedBy.remove(channel)))
                .toArray(java.util.concurrent.CompletableFuture[]::new);
        java.util.concurrent.CompletableFuture.allOf(again).whenComplete((done, failed) -> {
            tellEveryWatcher();
            if ((failed != null || stale.get()) && !lastTry && !closed) {
                redis.client()
                        .getResources()
                        .eventExecutorGroup()
                        .schedule(() -> afterTheSlotMap(tried + 1), 500, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The slot map read again, then the shard channels subscribed again. */
    private void afterTheSlotMap(int tried) {
        redis.refreshTopology().whenComplete((done, failed) -> resubscribe(tried));
    }

    /**
     * Waits until the account's generation is above {@code seen}, or its lock is free, or {@code
     * timeout} has passed. Subscribes first, then reads: a message sent between the read and the
     * wait is not lost.
     */
    Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
        subscribe(keys.channel(account));
        long deadline = System.nanoTime() + timeout.toNanos();
        var names = keys.session(account);
        while (true) {
            var state = redis.call(
                    "watch the session",
                    commands -> redis.script(RedisScripts.WATCH)
                            .<java.util.List<Object>>run(commands, new String[] {names[1], names[2]}));
            if (state.isLeft()) {
                return Either.left(state.getLeft());
            }
            long generation = RedisSessionStoreAdapter.generation(
                    RedisSessionStoreAdapter.text(state.get().get(0)));
            boolean locked =
                    "1".equals(RedisSessionStoreAdapter.text(state.get().get(1)));
            long left = deadline - System.nanoTime();
            if (generation > seen || !locked || left <= 0) {
                return Either.right(generation);
            }
            synchronized (arrived) {
                try {
                    arrived.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Either.left(new AuthError.StorageFailure(
                            "interrupted while waiting for another renewal", redis.where()));
                }
            }
        }
    }

    /** {@code onChange} runs once per change of the account's session; {@code false} while Redis is away. */
    boolean watch(AccountId account, Runnable onChange) {
        var channel = keys.channel(account);
        if (!subscribe(channel)) {
            return false;
        }
        watchers.computeIfAbsent(channel, c -> new CopyOnWriteArraySet<>()).add(onChange);
        return true;
    }

    private void arrived(String channel) {
        synchronized (arrived) {
            arrived.notifyAll();
        }
        tell(channel);
    }

    private void tell(String channel) {
        var told = watchers.get(channel);
        if (told != null) {
            told.forEach(RedisChanges::runQuietly);
        }
    }

    private void tellEveryWatcher() {
        watchers.values().forEach(told -> told.forEach(RedisChanges::runQuietly));
    }

    private static void runQuietly(Runnable onChange) {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            // a watcher's own failure; the others are still told
        }
    }

    /** Subscribed to {@code channel} (now or before); {@code false} when Redis cannot be reached. */
    private boolean subscribe(String channel) {
        if (subscribed.contains(channel)) {
            return true;
        }
        try {
            var notifications = redis.notifications(this::listen);
            if (notifications.made()) {
                // a new connection: nothing subscribed, and no node has ended anything on it
                subscribed.clear();
                endedBy.clear();
            }
            redis.subscribe(notifications.connection(), channel);
            subscribed.add(channel);
            return true;
        } catch (RuntimeException e) {
            // no messages: the caller polls
            return false;
        }
    }

    /** Listens on a new notification connection: to each node of a cluster, or to the one server. */
    private void listen(StatefulRedisPubSubConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterPubSubConnection<String, String> cluster) {
            cluster.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void smessage(RedisClusterNode node, String shardChannel, String message) {
                    arrived(shardChannel);
                }

                @Override
                public void sunsubscribed(RedisClusterNode node, String shardChannel, long count) {
                    // Redis ended it: the slot moved (a failover, a migration); the map first
                    if (subscribed.contains(shardChannel) && !closed) {
                        if (node != null && node.getNodeId() != null) {
                            endedBy.put(shardChannel, node.getNodeId());
                        }
                        afterTheSlotMap(0);
                    }
                }
            });
            return;
        }
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                arrived(channel);
            }
        });
    }

    void close() {
        closed = true;
        if (topologyChanges != null) {
            topologyChanges.dispose();
        }
        redis.client().removeListener(connectionState);
        watchers.clear();
    }
}
