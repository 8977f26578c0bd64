package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store's two connections to Redis, made on first use and again after a failure: one for
 * commands, one for notifications. Whatever Lettuce throws becomes a {@code StorageFailure} that
 * names the store (never its password).
 */
final class RedisConnection {

    /** What a Redis that refuses the user or password is reported as (not as unreachable). */
    static final String AUTHENTICATION_FAILED =
            "authentication failed: Redis refused the user name or password (check the URL's user,"
                    + " SAMCO_STORE_PASSWORD or --store-password-file)";

    private final Option<RedisURI> uri;
    private final RedisClient client;
    private final boolean ownsClient;
    private final Option<String> where;
    private final Object connecting = new Object();
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> notifications;

    RedisConnection(Option<RedisURI> uri, RedisClient client, boolean ownsClient, String prefix) {
        this.uri = uri;
        this.client = client;
        this.ownsClient = ownsClient;
        this.where =
                Option.some(uri.map(u -> (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort() + " ")
                                .getOrElse("Redis ")
                        + prefix + ":*");
    }

    /** The store, as failures name it: {@code redis://host:port prefix:*}. */
    Option<String> where() {
        return where;
    }

    RedisClient client() {
        return client;
    }

    private RedisCommands<String, String> sync() {
        var open = commands;
        if (open != null && open.isOpen()) {
            return open.sync();
        }
        synchronized (connecting) {
            if (commands == null || !commands.isOpen()) {
                commands = uri.isDefined() ? client.connect(StringCodec.UTF8, uri.get()) : client.connect();
            }
            return commands.sync();
        }
    }

    /** Runs {@code command}; a failure is a {@code StorageFailure} naming what was done and where. */
    <T> Either<AuthError, T> call(String doing, Function<RedisCommands<String, String>, T> command) {
        try {
            return Either.right(command.apply(sync()));
        } catch (RuntimeException e) {
            return Either.left(new AuthError.StorageFailure("Redis could not " + doing + ": " + reason(e), where));
        }
    }

    /**
     * The notification connection, made with {@code listener} when there is none (or it was
     * closed); {@code made} says whether it is new (its subscriptions are gone).
     */
    record Notifications(StatefulRedisPubSubConnection<String, String> connection, boolean made) {}

    Notifications notifications(java.util.function.Consumer<StatefulRedisPubSubConnection<String, String>> listen) {
        synchronized (connecting) {
            if (notifications == null || !notifications.isOpen()) {
                notifications =
                        uri.isDefined() ? client.connectPubSub(StringCodec.UTF8, uri.get()) : client.connectPubSub();
                listen.accept(notifications);
                return new Notifications(notifications, true);
            }
            return new Notifications(notifications, false);
        }
    }

    /** Whether {@code handler} is the notification connection. */
    boolean isNotifications(Object handler) {
        return handler != null && handler == notifications;
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            var said = t.getMessage();
            if (said != null
                    && (said.contains("WRONGPASS")
                            || said.contains("NOAUTH")
                            || said.contains("invalid username-password"))) {
                return AUTHENTICATION_FAILED;
            }
        }
        var message = e.getMessage();
        var cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return reason(cause);
        }
        var text = message == null ? e.getClass().getSimpleName() : message;
        // never echo a URI that may carry a password
        // a script's own refusal speaks for itself, without its marker
        return text.replaceAll("rediss?://\\S*", "redis://…")
                .replaceAll("\\p{Cntrl}", " ")
                .replaceFirst("^SAMCO-[A-Z]+ ", "");
    }

    /** Closes both connections, and the client if the store made it. */
    void close() {
        try {
            if (notifications != null) {
                notifications.close();
            }
            if (commands != null) {
                commands.close();
            }
        } catch (RuntimeException e) {
            // closing what is already broken
        }
        if (ownsClient) {
            try {
                var resources = client.getResources();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                resources.shutdown(0, 2, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // the process is going away
            }
        }
    }
}
