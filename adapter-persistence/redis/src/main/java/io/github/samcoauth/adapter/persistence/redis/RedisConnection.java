package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The store's two connections to Redis, made on first use and again after a failure: one for
 * commands, one for notifications. On one server or a Sentinel deployment they are Lettuce's
 * standalone connections; on a Redis Cluster, cluster connections (commands routed by slot,
 * notifications through sharded pub/sub, which follows the slot). Whatever Lettuce throws becomes a
 * {@code StorageFailure} that names the store (never its password).
 */
final class RedisConnection {

    /** What a Redis that refuses the user or password is reported as (not as unreachable). */
    static final String AUTHENTICATION_FAILED =
            "authentication failed: Redis refused the user name or password (check the URL's user,"
                    + " SAMCO_STORE_PASSWORD or --store-password-file)";

    private final Option<RedisURI> uri;
    private final List<RedisURI> seeds;
    private final AbstractRedisClient client;
    private final boolean cluster;
    private final boolean ownsClient;
    private volatile boolean ownsResources = true;
    private final Option<String> where;
    private final Object connecting = new Object();
    private volatile StatefulConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> notifications;

    RedisConnection(Option<RedisURI> uri, RedisClient client, boolean ownsClient, String prefix) {
        this.uri = uri;
        this.seeds = List.of();
        this.client = client;
        this.cluster = false;
        this.ownsClient = ownsClient;
        this.where = Option.some(uri.map(RedisConnection::display).getOrElse("Redis") + " " + prefix + ":*");
    }

    /** On a Redis Cluster whose nodes {@code seeds} name (any of them; the rest are found). */
    RedisConnection(List<RedisURI> seeds, RedisClusterClient client, boolean ownsClient, String prefix) {
        this.uri = Option.none();
        this.seeds = List.copyOf(seeds);
        this.client = client;
        this.cluster = true;
        this.ownsClient = ownsClient;
        this.where = Option.some(displayCluster(seeds) + " " + prefix + ":*");
    }

    /** The seeds of a cluster, without user or password: {@code redis-cluster://host:port,host:port}. */
    static String displayCluster(List<RedisURI> seeds) {
        var shown =
                new StringBuilder(!seeds.isEmpty() && seeds.get(0).isSsl() ? "rediss-cluster://" : "redis-cluster://");
        for (int i = 0; i < seeds.size(); i++) {
            shown.append(i == 0 ? "" : ",")
                    .append(seeds.get(i).getHost())
                    .append(':')
                    .append(seeds.get(i).getPort());
        }
        return shown.toString();
    }

    /** Where a standalone or Sentinel connection goes; empty on a cluster or with a platform's client. */
    Option<RedisURI> uri() {
        return uri;
    }

    /** A cluster's seed nodes; empty off a cluster. */
    List<RedisURI> seeds() {
        return seeds;
    }

    /** The client's event loops and threads are the platform's: left running on close. */
    RedisConnection sharingResources() {
        ownsResources = false;
        return this;
    }

    /** Whether this is a Redis Cluster (sharded pub/sub, scripts that {@code SPUBLISH}). */
    boolean isCluster() {
        return cluster;
    }

    /** {@code script} as this deployment runs it: on a cluster, publishing to its shard channel. */
    RedisScripts.Script script(RedisScripts.Script script) {
        return cluster ? RedisScripts.sharded(script) : script;
    }

    /** A URL without its user and password: {@code redis://host:port} or the sentinels and the primary's name. */
    static String display(RedisURI u) {
        if (u.getSentinels().isEmpty()) {
            return (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort();
        }
        var sentinels = new StringBuilder(u.isSsl() ? "rediss-sentinel://" : "redis-sentinel://");
        for (var sentinel : u.getSentinels()) {
            sentinels
                    .append(sentinels.charAt(sentinels.length() - 1) == '/' ? "" : ",")
                    .append(sentinel.getHost())
                    .append(':')
                    .append(sentinel.getPort());
        }
        return sentinels.append('#').append(u.getSentinelMasterId()).toString();
    }

    /** The store, as failures name it: {@code redis://host:port prefix:*}. */
    Option<String> where() {
        return where;
    }

    AbstractRedisClient client() {
        return client;
    }

    private RedisClusterCommands<String, String> sync() {
        var open = commands;
        if (open == null || !open.isOpen()) {
            synchronized (connecting) {
                if (commands == null || !commands.isOpen()) {
                    commands = connectCommands();
                }
                open = commands;
            }
        }
        return open instanceof StatefulRedisClusterConnection<String, String> routed
                ? routed.sync()
                : ((StatefulRedisConnection<String, String>) open).sync();
    }

    private StatefulConnection<String, String> connectCommands() {
        if (cluster) {
            return ((RedisClusterClient) client).connect(StringCodec.UTF8);
        }
        var standalone = (RedisClient) client;
        return uri.isDefined() ? standalone.connect(StringCodec.UTF8, uri.get()) : standalone.connect();
    }

    /** Runs {@code command}; a failure is a {@code StorageFailure} naming what was done and where. */
    <T> Either<AuthError, T> call(String doing, Function<RedisClusterCommands<String, String>, T> command) {
        try {
            return Either.right(command.apply(sync()));
        } catch (RuntimeException e) {
            if (saysAnywhere(e, "READONLY")) {
                // a primary demoted by a failover keeps its clients: connect anew, to the node the
                // sentinels name now
                dropCommands();
            }
            return Either.left(new AuthError.StorageFailure(
                    "Redis could not " + doing + ": " + reason(e) + transportHint(e, uri.exists(RedisURI::isSsl)),
                    where));
        }
    }

    /**
     * What a failure to connect suggests about TLS on one side only: a TLS client to a plain port
     * waits for a handshake that never comes; a plain client to a TLS port is dropped at once.
     */
    static String transportHint(Throwable e, boolean tls) {
        if (tlsProblem(e).isDefined() || !saysAnywhere(e, "Unable to connect")) {
            return "";
        }
        if (tls && saysAnywhere(e, "timed out")) {
            return " (the TLS handshake did not finish: is that port the server's TLS port?)";
        }
        if (!tls && (saysAnywhere(e, "Connection reset") || saysAnywhere(e, "Connection closed"))) {
            return " (the server dropped the connection at once: if that port speaks TLS, use rediss://)";
        }
        return "";
    }

    private static boolean saysAnywhere(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The notification connection, made with {@code listener} when there is none (or it was
     * closed); {@code made} says whether it is new (its subscriptions are gone).
     */
    record Notifications(StatefulRedisPubSubConnection<String, String> connection, boolean made) {}

    Notifications notifications(java.util.function.Consumer<StatefulRedisPubSubConnection<String, String>> listen) {
        synchronized (connecting) {
            if (notifications == null || !notifications.isOpen()) {
                notifications = connectNotifications();
                listen.accept(notifications);
                return new Notifications(notifications, true);
            }
            return new Notifications(notifications, false);
        }
    }

    private StatefulRedisPubSubConnection<String, String> connectNotifications() {
        if (cluster) {
            return ((RedisClusterClient) client).connectPubSub(StringCodec.UTF8);
        }
        var standalone = (RedisClient) client;
        return uri.isDefined() ? standalone.connectPubSub(StringCodec.UTF8, uri.get()) : standalone.connectPubSub();
    }

    /** Subscribes to {@code channel}: a shard channel on a cluster (on the node of its slot), else a channel. */
    void subscribe(StatefulRedisPubSubConnection<String, String> connection, String channel) {
        if (cluster) {
            connection.sync().ssubscribe(channel);
        } else {
            connection.sync().subscribe(channel);
        }
    }

    /** The notification connection as it is; {@code null} before the first subscription. */
    StatefulRedisPubSubConnection<String, String> currentNotifications() {
        var now = notifications;
        return now != null && now.isOpen() ? now : null;
    }

    /**
     * On a cluster, the slot map read again in the background (a {@code ClusterTopologyChangedEvent}
     * follows when it changed); done at once elsewhere. Never completes exceptionally.
     */
    java.util.concurrent.CompletableFuture<Void> refreshTopology() {
        if (!cluster) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        try {
            return ((RedisClusterClient) client)
                    .refreshPartitionsAsync()
                    .toCompletableFuture()
                    .exceptionally(failed -> null);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /**
     * On a cluster, the id of the primary that holds {@code channel}'s slot in the slot map as the
     * client last read it; empty off a cluster, or before the map is known.
     */
    Option<String> primaryOfSlot(String channel) {
        if (!cluster) {
            return Option.none();
        }
        try {
            var owner = ((RedisClusterClient) client)
                    .getPartitions()
                    .getMasterBySlot(io.lettuce.core.cluster.SlotHash.getSlot(channel));
            return Option.of(owner).map(io.lettuce.core.cluster.models.partitions.RedisClusterNode::getNodeId);
        } catch (RuntimeException e) {
            return Option.none();
        }
    }

    /** Whether {@code handler} is the notification connection. */
    boolean isNotifications(Object handler) {
        return handler != null && handler == notifications;
    }

    /** What went wrong in a TLS handshake, said as the platform can act on it; empty when it was no TLS failure. */
    static Option<String> tlsProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            var said = t.getMessage() == null ? "" : t.getMessage();
            var host = HOST_NOT_NAMED.matcher(said);
            if (host.find()) {
                return Option.some("TLS: the Redis server's certificate does not name " + host.group(1)
                        + " (the host in the URL): connect by a name it carries, or have it reissued");
            }
            if (t instanceof CertificateExpiredException || said.contains("validity check failed")) {
                return Option.some("TLS: the Redis server's certificate has expired (or is not valid yet)");
            }
            if (said.contains("unable to find valid certification path")
                    || said.contains("PKIX path building failed")) {
                return Option.some("TLS: the Redis server's certificate is not signed by a CA trusted here (give its"
                        + " CA's certificates: --store-ca or SAMCO_STORE_CA)");
            }
            if (said.contains("certificate_required") || said.contains("bad_certificate")) {
                return Option.some("TLS: the Redis server asks for a client certificate it accepts (--store-cert and"
                        + " --store-cert-key, or SAMCO_STORE_CERT and SAMCO_STORE_CERT_KEY)");
            }
            if (said.contains("unknown_ca") || said.contains("certificate_unknown")) {
                return Option.some(
                        "TLS: the Redis server refused the client certificate (not signed by a CA it" + " trusts)");
            }
            if (t.getClass().getSimpleName().equals("NotSslRecordException")
                    || said.contains("Unsupported or unrecognized SSL message")
                    || said.contains("not an SSL/TLS record")) {
                return Option.some("TLS: the server does not speak TLS on that port (rediss:// asks for it; use"
                        + " redis:// or the server's TLS port)");
            }
        }
        return Option.none();
    }

    /** What sentinels that refuse the client are reported as (not the data nodes' credentials). */
    static final String SENTINEL_AUTHENTICATION_FAILED =
            "authentication failed: the sentinels refused the client (sentinels that ask for a password of"
                    + " their own get it from SAMCO_STORE_SENTINEL_PASSWORD or --store-sentinel-password-file,"
                    + " with SAMCO_STORE_SENTINEL_USER for an ACL user of theirs)";

    /** What a Sentinel deployment none of whose sentinels could be asked is reported as. */
    static final String NO_SENTINEL_ANSWERED =
            "no sentinel could be asked which node is the primary (are they running and reachable from here?"
                    + " sentinels that ask for a password of their own get it from SAMCO_STORE_SENTINEL_PASSWORD"
                    + " or --store-sentinel-password-file)";

    private static boolean refusedCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            var said = t.getMessage();
            if (said != null
                    && (said.contains("WRONGPASS")
                            || said.contains("NOAUTH")
                            || said.contains("invalid username-password"))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern HOST_NOT_NAMED = Pattern.compile(
            "No (?:subject alternative (?:DNS )?names?|name) matching (?:IP address )?(\\S+?)\\.? found");

    static String reason(Throwable e) {
        var tls = tlsProblem(e);
        if (tls.isDefined()) {
            return tls.get();
        }
        if (saysAnywhere(e, "Cannot connect to a Redis Sentinel")) {
            // Lettuce keeps only the last sentinel's failure, which may not be why the others failed
            return refusedCredentials(e) ? SENTINEL_AUTHENTICATION_FAILED : NO_SENTINEL_ANSWERED;
        }
        if (refusedCredentials(e)) {
            return AUTHENTICATION_FAILED;
        }
        var message = e.getMessage();
        var cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return reason(cause);
        }
        var text = message == null ? e.getClass().getSimpleName() : message.replace("/<unresolved>", "");
        if (text.startsWith("Unable to connect") && cause != null) {
            text = text + ": " + reason(cause);
        }
        // never echo a URI that may carry a password
        // a script's own refusal speaks for itself, without its marker
        return text.replaceAll("rediss?(?:-sentinel|-cluster)?://\\S*", "redis://…")
                .replaceAll("\\p{Cntrl}", " ")
                .replaceFirst("^SAMCO-[A-Z]+ ", "");
    }

    private void dropCommands() {
        synchronized (connecting) {
            var open = commands;
            commands = null;
            if (open != null) {
                try {
                    open.closeAsync();
                } catch (RuntimeException ignored) {
                    // closing what is already broken
                }
            }
        }
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
                if (ownsResources) {
                    resources.shutdown(0, 2, TimeUnit.SECONDS);
                }
            } catch (RuntimeException e) {
                // the process is going away
            }
        }
    }
}
