package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditHistoryPort;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Session;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Sessions shared by a fleet, in Redis. Per account, in one cluster hash slot:
 *
 * <pre>
 *   PREFIX:{ACCOUNT}:session      the session, sealed (AES-GCM, bound to key and generation) or plain;
 *                                 expires a while after it does
 *   PREFIX:{ACCOUNT}:generation   goes up with every save, commit and delete
 *   PREFIX:{ACCOUNT}:lock         the renewal lease: SET NX PX, kept alive by a watchdog, ended by its commit
 *   PREFIX:{ACCOUNT}:changes      channel: the new generation after every save, commit and delete
 *   PREFIX:{ACCOUNT}:audit        stream: the account's audit journal, about 1,000 entries, no secret
 *                                 (PREFIX:{-}:audit for events of no account)
 * </pre>
 *
 * No secret is in a key name. Nothing here throws: Redis away, slow or failing over is {@code
 * AuthError.Unavailable}; a value that cannot be read is {@code StorageFailure}. Connects on first
 * use and again after a failure, so it can be built while Redis is down.
 */
public final class RedisSessionStoreAdapter
        implements SessionStorePort, SessionCoordinationPort, AuditLogPort, AuditHistoryPort, AutoCloseable {

    /** A stored value is a session of a few hundred bytes; above this it is refused unread. */
    static final int MAX_VALUE_BYTES = 64 * 1024;

    /** Writes racing for one account are tried again this often before one gives up. */
    private static final int MAX_WRITE_ATTEMPTS = 100;

    private static final Pattern SESSION_KEY = Pattern.compile(".*:\\{([A-Z0-9]{3,16})\\}:session");

    private final RedisConnection redis;
    private final RedisKeys keys;
    private final RedisLeases leases;
    private final RedisChanges changes;
    private final RedisAuditLog audit;
    private final RedisSessionCodec codec;
    private final String prefix;
    private final Duration keptAfterExpiry;
    private final Clock clock;

    /** The store, as its failures name it (tests). */
    String where() {
        return redis.where().getOrElse("");
    }

    /** The connection to Redis (tests). */
    RedisConnection connection() {
        return redis;
    }

    /** The seed nodes of a cluster, as the client was given them; empty off a cluster (tests). */
    java.util.List<RedisURI> clusterSeeds() {
        return redis.seeds();
    }

    private RedisSessionStoreAdapter(Builder builder, RedisConnection connection) {
        this.redis = connection;
        this.keys = new RedisKeys(builder.prefix);
        this.leases = new RedisLeases(redis, keys, builder.lockTtl, this::write);
        this.changes = new RedisChanges(redis, keys);
        this.audit = new RedisAuditLog(redis, builder.prefix);
        this.codec = new RedisSessionCodec(builder.cipher);
        this.prefix = builder.prefix;
        this.keptAfterExpiry = builder.keptAfterExpiry;
        this.clock = builder.clock;
    }

    /**
     * A builder; {@link Builder#build()} checks everything and connects nothing.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh store key for {@link Builder#encryptionKeys}: base64 of 32 random bytes.
     *
     * @return a new key, a secret to keep as the store's other secrets
     */
    public static String newEncryptionKey() {
        return SessionCipher.newKey();
    }

    // --- SessionStorePort ----------------------------------------------------------------------

    /** Saves outside any lease (a login): after the generation read just before, as every write is. */
    @Override
    public Either<AuthError, Session> save(Session session) {
        var account = session.accountId();
        var seen = redis.call("read the generation", commands -> commands.get(keys.key(account, "generation")));
        if (seen.isLeft()) {
            return Either.left(seen.getLeft());
        }
        return write(session, generation(seen.get() == null ? "0" : seen.get()), "")
                .map(generation -> session);
    }

    /**
     * Writes {@code session} as the generation after {@code follows} (sealed for it), ending the
     * lease of {@code owner} when one is named. When the generation moved meanwhile (a save by
     * another instance), it is sealed again for the new one and tried again after a short random
     * pause, so that writers racing for one account all get through.
     */
    private Either<AuthError, Long> write(Session session, long follows, String owner) {
        var account = session.accountId();
        var names = keys.session(account);
        long after = follows;
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            var value = sealed(session, names[0], after + 1);
            if (value.isLeft()) {
                return Either.left(value.getLeft());
            }
            long expected = after;
            var result = redis.call(
                    owner.isEmpty() ? "save the session" : "commit the renewal",
                    commands -> redis.script(RedisScripts.WRITE)
                            .<Long>run(
                                    commands,
                                    names,
                                    value.get(),
                                    Long.toString(expireAt(session)),
                                    Long.toString(expected),
                                    owner,
                                    keys.channel(account)));
            if (result.isLeft() || result.get() >= 0) {
                return result;
            }
            after = -1 - result.get();
            pause(attempt);
        }
        return Either.left(new AuthError.StorageFailure(
                "the session of " + account.value() + " changed " + MAX_WRITE_ATTEMPTS
                        + " times while it was being saved: nothing was written",
                Option.some(names[0])));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The value stored under {@code sessionKey} as {@code generation}. */
    private Either<AuthError, String> sealed(Session session, String sessionKey, long generation) {
        try {
            return Either.right(codec.encode(session, sessionKey, generation));
        } catch (Exception e) {
            return Either.left(new AuthError.StorageFailure("cannot encode the session for Redis", redis.where()));
        }
    }

    /** When Redis drops the key: a while after the session, or its refresh token, expires. */
    private long expireAt(Session session) {
        var last = session.refresh()
                .map(r -> r.expiresAt())
                .filter(at -> at.isAfter(session.expiresAt()))
                .getOrElse(session.expiresAt());
        var at = last.plus(keptAfterExpiry);
        var now = clock.instant();
        return (at.isAfter(now) ? at : now.plus(keptAfterExpiry)).toEpochMilli();
    }

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        return read(account).map(VersionedSession::session);
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        var accounts = redis.call(
                "list the sessions",
                commands -> RedisKeys.scan(commands, prefix + ":{*}:session", key -> {
                    var matcher = SESSION_KEY.matcher(key);
                    return matcher.matches() && key.startsWith(prefix + ":{") ? matcher.group(1) : null;
                }));
        if (accounts.isLeft()) {
            return Either.left(accounts.getLeft());
        }
        var sessions = List.<Session>empty();
        for (var raw : accounts.get()) {
            var account = AccountId.of(raw);
            if (account.isLeft()) {
                continue;
            }
            var one = find(account.get());
            if (one.isLeft()) {
                return Either.left(one.getLeft());
            }
            sessions = sessions.appendAll(one.get());
        }
        return Either.right(sessions);
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        var names = keys.session(account);
        return redis.call(
                        "remove the session",
                        commands -> redis.script(RedisScripts.DELETE)
                                .<Long>run(commands, new String[] {names[0], names[1]}, keys.channel(account)))
                .map(removed -> removed == 1L);
    }

    /** Redis answers: a save can only fail if it goes away, which no check in advance can tell. */
    @Override
    public Either<AuthError, Boolean> checkWritable() {
        return redis.call("be reached", RedisClusterCommands::ping).map(pong -> true);
    }

    // --- SessionCoordinationPort ---------------------------------------------------------------

    @Override
    public Either<AuthError, VersionedSession> read(AccountId account) {
        var names = keys.session(account);
        var answer = redis.call(
                "read the session",
                commands -> redis.script(RedisScripts.READ)
                        .<java.util.List<Object>>run(
                                commands, new String[] {names[0], names[1]}, Integer.toString(MAX_VALUE_BYTES)));
        if (answer.isLeft()) {
            return Either.left(answer.getLeft());
        }
        var parts = answer.get();
        if (parts == null || parts.size() != 2) {
            return Either.left(new AuthError.UnexpectedResponse("Redis answered a read with something else"));
        }
        var value = text(parts.get(0));
        long generation = generation(text(parts.get(1)));
        if (value.isEmpty()) {
            return Either.right(new VersionedSession(Option.none(), generation));
        }
        if (value.equals("!")) {
            return Either.left(unreadable(account, "larger than " + MAX_VALUE_BYTES + " bytes"));
        }
        var session = codec.decode(account, value, names[0], generation);
        if (session.isLeft()) {
            return Either.left(unreadable(account, session.getLeft()));
        }
        return Either.right(new VersionedSession(Option.some(session.get()), generation));
    }

    private AuthError unreadable(AccountId account, String why) {
        return new AuthError.StorageFailure(
                "the session of " + account.value() + " in Redis cannot be read: " + why,
                Option.some(keys.key(account, "session")));
    }

    /** A script's answer as text: scripts answer in strings (this store's codec), or nil. */
    static String text(Object part) {
        return part == null ? "" : part.toString();
    }

    static long generation(String raw) {
        try {
            return Math.max(0, Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        return leases.tryLease(account);
    }

    @Override
    public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
        return changes.awaitChange(account, seen, timeout);
    }

    /**
     * One subscription per instance, to the account's channel ({@code …:changes}): every save,
     * delete and restore publishes there, so {@code onChange} runs once per change, and once more
     * whenever the notification connection is lost or back. {@code false} while Redis cannot be
     * reached (the caller polls and asks again).
     */
    @Override
    public boolean watch(AccountId account, Runnable onChange) {
        return changes.watch(account, onChange);
    }

    @Override
    public Either<AuthError, Boolean> restore(Session session, long generation) {
        var account = session.accountId();
        var names = keys.session(account);
        var value = sealed(session, names[0], generation);
        if (value.isLeft()) {
            return Either.left(value.getLeft());
        }
        return redis.call(
                        "restore the session",
                        commands -> redis.script(RedisScripts.RESTORE)
                                .<Long>run(
                                        commands,
                                        new String[] {names[0], names[1]},
                                        value.get(),
                                        Long.toString(expireAt(session)),
                                        Long.toString(generation),
                                        keys.channel(account)))
                .map(restored -> restored == 1L);
    }

    // --- the audit journal, beside the sessions -------------------------------------------------

    /** To the account's capped stream ({@code PREFIX:{ACCOUNT}:audit}): the fleet's one journal. */
    @Override
    public Either<AuthError, AuditEvent> record(AuditEvent event) {
        return audit.record(event);
    }

    @Override
    public Either<AuthError, List<AuditEvent>> last(Option<AccountId> account, int count) {
        return audit.last(account, count);
    }

    /** Releases every lock it holds, closes its connections, and the client if it made it. */
    @Override
    public void close() {
        changes.close();
        leases.close();
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisSessionStoreAdapter[prefix=" + prefix + ", " + codec + "]";
    }

    /** How to reach Redis and how to keep sessions there. */
    public static final class Builder {
        private Option<RedisURI> uri = Option.none();
        private java.util.List<RedisURI> clusterSeeds = java.util.List.of();
        private Option<String> rawUri = Option.none();
        private Option<RedisClient> client = Option.none();
        private Option<io.lettuce.core.resource.ClientResources> sharedResources = Option.none();
        private SessionCipher cipher;
        private Option<String> keys = Option.none();
        private boolean plainText;
        private String prefix = "samco-auth";
        private Duration timeout = Duration.ofSeconds(2);
        private Duration lockTtl = Duration.ofSeconds(15);
        private Duration keptAfterExpiry = Duration.ofDays(1);
        private Option<Path> trustedCertificates = Option.none();
        private Option<Path> clientCertificate = Option.none();
        private Option<Path> clientKey = Option.none();
        private Option<String> password = Option.none();
        private Option<String> sentinelUser = Option.none();
        private Option<String> sentinelPassword = Option.none();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * {@code redis://[user:password@]host[:port][/db]}, {@code rediss://…} (TLS), or a Sentinel
         * deployment: {@code redis-sentinel://[user:password@]host:port[,host:port…][/db]#primary}
         * ({@code rediss-sentinel://…} with TLS to the sentinels and the primary). The user and
         * password are the data nodes'; the sentinels' own are {@link #sentinelPassword}.
         *
         * @param uri the URL
         * @return this builder
         */
        public Builder uri(String uri) {
            this.rawUri = Option.of(uri);
            return this;
        }

        /**
         * A client the platform made (and closes); with {@link #uri} it connects there, else to its default.
         *
         * @param client the platform's client
         * @return this builder
         */
        public Builder client(RedisClient client) {
            this.client = Option.of(client);
            return this;
        }

        /**
         * Lettuce's event loops and threads of the platform (Spring Boot's {@code
         * lettuceClientResources}, say), shared by the client the store makes instead of its own, and
         * left running when the store closes. Its reconnect delay is then the platform's (the store's
         * own tries again within a second of Redis coming back).
         *
         * @param resources the platform's client resources
         * @return this builder
         */
        public Builder clientResources(io.lettuce.core.resource.ClientResources resources) {
            this.sharedResources = Option.of(resources);
            return this;
        }

        /**
         * The encryption keys, base64 of 32 random bytes each, comma-separated: the first seals, every
         * one opens (older keys during a rotation).
         *
         * @param base64Keys the keys, comma-separated
         * @return this builder
         */
        public Builder encryptionKeys(String base64Keys) {
            this.keys = Option.of(base64Keys);
            return this;
        }

        /**
         * Stores tokens in plain text: whoever reads Redis can use them. Only when asked for.
         *
         * @return this builder
         */
        public Builder plainText() {
            this.plainText = true;
            return this;
        }

        /**
         * The first part of every key name, to keep environments apart; default {@code samco-auth}.
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * The longest a Redis command may take; default 2 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * How long a renewal lock outlives its holder's death; default 15 s.
         *
         * @param ttl a positive duration
         * @return this builder
         */
        public Builder lockTtl(Duration ttl) {
            this.lockTtl = ttl;
            return this;
        }

        /**
         * How long an expired session stays readable (to say when it expired); default one day.
         *
         * @param kept a duration, zero or more
         * @return this builder
         */
        public Builder keptAfterExpiry(Duration kept) {
            this.keptAfterExpiry = kept;
            return this;
        }

        /**
         * The password, when the URL carries none (so that it need not stand in a command line, where
         * {@code ps} shows it): with {@code redis://user@host} it is that user's, with {@code
         * redis://host} the default user's. A password in the URL wins.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = Option.of(password).filter(p -> !p.isEmpty());
            return this;
        }

        /**
         * On a Sentinel deployment whose sentinels ask for a password of their own ({@code
         * requirepass} in {@code sentinel.conf}, or an ACL user of theirs when {@code user} is given;
         * {@code null} or empty: the default user): sent to every sentinel, never to the data nodes.
         * Refused with a URL that names no sentinels.
         *
         * @param user the sentinels' ACL user, or {@code null}
         * @param password the sentinels' password
         * @return this builder
         */
        public Builder sentinelPassword(String user, String password) {
            this.sentinelUser = Option.of(user).filter(u -> !u.isEmpty());
            this.sentinelPassword = Option.of(password).filter(p -> !p.isEmpty());
            return this;
        }

        /** Whether the URL's user part carries a password ({@code user:password@}). */
        static boolean hasPassword(String url) {
            var info = userInfo(url);
            if (info.isEmpty()) {
                return false;
            }
            // with a password given apart, a user part without a colon names the user (Lettuce alone
            // would read it as a password): only user:password@ carries one
            int colon = info.get().indexOf(':');
            return colon >= 0 && colon < info.get().length() - 1;
        }

        /** The user named in the URL, when it names one without a password ({@code user@} or {@code user:@}). */
        static Option<String> userOf(String url) {
            return userInfo(url)
                    .map(info -> info.indexOf(':') < 0 ? info : info.substring(0, info.indexOf(':')))
                    .filter(user -> !user.isEmpty());
        }

        private static Option<String> userInfo(String url) {
            int scheme = url.indexOf("://");
            if (scheme == -1) {
                return Option.none();
            }
            var authority = url.substring(scheme + 3).split("/", 2)[0];
            int at = authority.indexOf('@');
            if (at == -1) {
                return Option.none();
            }
            return Option.some(
                    java.net.URLDecoder.decode(authority.substring(0, at), java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * Whether the port, where the URL writes one, is a number from 1 to 65535: Lettuce reads
         * {@code host:typo} as a host name and {@code host:0} as the default port.
         */
        static boolean writtenPortIsValid(String url) {
            var rest = url.strip().substring(url.strip().indexOf("://") + 3);
            var authority = rest.split("[/?#]", 2)[0];
            var hosts = authority.substring(authority.lastIndexOf('@') + 1);
            if (!isSentinel(url)) {
                return portIsValid(hosts);
            }
            return java.util.Arrays.stream(hosts.split(",", -1)).allMatch(Builder::portIsValid);
        }

        static boolean isSentinel(String url) {
            var scheme = url.strip().toLowerCase(java.util.Locale.ROOT);
            return scheme.startsWith("redis-sentinel://") || scheme.startsWith("rediss-sentinel://");
        }

        private static boolean portIsValid(String hostAndPort) {
            if (hostAndPort.isEmpty()) {
                return false;
            }
            int colon = hostAndPort.lastIndexOf(':');
            if (colon == 0) {
                return false; // a port and no host
            }
            if (colon < hostAndPort.lastIndexOf(']') + 1) {
                return true; // no port, or an IPv6 address in brackets without one
            }
            if (hostAndPort.indexOf(':') != colon && !hostAndPort.startsWith("[")) {
                return false; // host:port:more
            }
            var port = hostAndPort.substring(colon + 1);
            return port.matches("[1-9][0-9]{0,4}") && Integer.parseInt(port) <= 65_535;
        }

        /**
         * The CA certificates (PEM) a {@code rediss://} server is checked against.
         *
         * @param pem a PEM file of one or more CA certificates
         * @return this builder
         */
        public Builder trustedCertificates(Path pem) {
            this.trustedCertificates = Option.of(pem);
            return this;
        }

        /**
         * The client certificate (PEM, with its chain) and its private key (PEM, unencrypted
         * PKCS#8) presented to a {@code rediss://} server that asks for one (mutual TLS).
         *
         * @param certificateChain a PEM file of the certificate and its chain
         * @param privateKey a PEM file of its private key
         * @return this builder
         */
        public Builder clientCertificate(Path certificateChain, Path privateKey) {
            this.clientCertificate = Option.of(certificateChain);
            this.clientKey = Option.of(privateKey);
            return this;
        }

        /**
         * The clock expiry is judged by; default the system's.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Checks everything; connects nothing (the first use does).
         *
         * @return the store, or what is wrong with the settings
         */
        public Either<AuthError, RedisSessionStoreAdapter> build() {
            if (prefix == null || !prefix.matches("[A-Za-z0-9._-]{1,64}")) {
                return invalid("Redis key prefix", "1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!positive(timeout) || !positive(lockTtl) || keptAfterExpiry == null || keptAfterExpiry.isNegative()) {
                return invalid("Redis timings", "positive durations");
            }
            if (clock == null) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("clock")));
            }
            if (keys.isDefined()) {
                var parsed = SessionCipher.of(keys.get());
                if (parsed.isLeft()) {
                    return Either.left(new AuthError.InvalidInput(parsed.getLeft()));
                }
                cipher = parsed.get();
            } else if (plainText) {
                cipher = SessionCipher.plainText();
            } else {
                return Either.left(new AuthError.InvalidInput(new DomainError.Missing(
                        "store key",
                        "tokens in Redis are encrypted with a key of yours (SAMCO_STORE_KEY; samco keygen prints"
                                + " one), or kept in plain text only when asked for explicitly")));
            }
            if (rawUri.isEmpty() && client.isEmpty()) {
                return Either.left(new AuthError.InvalidInput(new DomainError.Blank("Redis URL")));
            }
            if (rawUri.isDefined() && isCluster(rawUri.get())) {
                if (client.isDefined()) {
                    return invalid("Redis URL", "a redis-cluster:// URL with a client the store makes itself");
                }
                var seeds = clusterSeeds(rawUri.get().strip());
                if (seeds.isEmpty()) {
                    return invalid("Redis URL", URL_FORMS);
                }
                clusterSeeds = seeds.get();
            } else if (rawUri.isDefined()) {
                var parsed = parsedUri(rawUri.get().strip());
                if (parsed.isEmpty()) {
                    return invalid("Redis URL", URL_FORMS);
                }
                uri = parsed;
            }
            if ((sentinelPassword.isDefined() || sentinelUser.isDefined())
                    && uri.forAll(u -> u.getSentinels().isEmpty())) {
                return invalid(
                        "Redis sentinel password",
                        "only with a redis-sentinel:// or rediss-sentinel:// URL (the sentinels' own password)");
            }
            if (sentinelUser.isDefined() && sentinelPassword.isEmpty()) {
                return invalid("Redis sentinel password", "a password with the sentinels' user");
            }
            if (trustedCertificates.isDefined() && !Files.isReadable(trustedCertificates.get())) {
                return invalid("Redis CA certificates", "a readable PEM file");
            }
            if (clientCertificate.isDefined() != clientKey.isDefined()
                    || clientCertificate.exists(pem -> !Files.isReadable(pem))
                    || clientKey.exists(pem -> !Files.isReadable(pem))) {
                return invalid("Redis client certificate", "a readable PEM certificate and its readable private key");
            }
            boolean owns = client.isEmpty();
            try {
                if (!clusterSeeds.isEmpty()) {
                    var cluster = io.lettuce.core.cluster.RedisClusterClient.create(
                            sharedResources.getOrElse(Builder::resources), clusterSeeds);
                    cluster.setOptions(io.lettuce.core.cluster.ClusterClientOptions.builder()
                            .autoReconnect(true)
                            // a node's connection is made when its first command is routed to it:
                            // that command waits for it (within the timeout) instead of being refused
                            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                            .timeoutOptions(TimeoutOptions.enabled(timeout))
                            .sslOptions(sslOptions())
                            // a failover or a slot moved shows as MOVED, ASK or a node's connection
                            // lost: the slot map is read again at once (at most twice a second), and
                            // every minute besides (each read asks every node: CLUSTER NODES, INFO)
                            .topologyRefreshOptions(io.lettuce.core.cluster.ClusterTopologyRefreshOptions.builder()
                                    .enableAllAdaptiveRefreshTriggers()
                                    .refreshTriggersReconnectAttempts(1)
                                    .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                                    .enablePeriodicRefresh(Duration.ofMinutes(1))
                                    .build())
                            .build());
                    var connection = new RedisConnection(clusterSeeds, cluster, true, prefix);
                    return Either.right(new RedisSessionStoreAdapter(
                            this, sharedResources.isDefined() ? connection.sharingResources() : connection));
                }
                var redis = client.getOrElse(() -> RedisClient.create(sharedResources.getOrElse(Builder::resources)));
                if (owns) {
                    redis.setOptions(ClientOptions.builder()
                            .autoReconnect(true)
                            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                            .timeoutOptions(TimeoutOptions.enabled(timeout))
                            .sslOptions(sslOptions())
                            .build());
                }
                var connection = new RedisConnection(uri, redis, owns, prefix);
                return Either.right(new RedisSessionStoreAdapter(
                        this, sharedResources.isDefined() ? connection.sharingResources() : connection));
            } catch (RuntimeException e) {
                return Either.left(new AuthError.StorageFailure(
                        "cannot set up the Redis client: " + RedisConnection.reason(e), Option.none()));
            }
        }

        /** Reconnecting within a second of Redis coming back, not after Lettuce's default 30 s backoff. */
        private static io.lettuce.core.resource.ClientResources resources() {
            return DefaultClientResources.builder()
                    .reconnectDelay(
                            Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                    .build();
        }

        private SslOptions sslOptions() {
            var ssl = SslOptions.builder().jdkSslProvider();
            trustedCertificates.forEach(pem -> ssl.trustManager(pem.toFile()));
            clientCertificate.forEach(
                    pem -> ssl.keyManager(pem.toFile(), clientKey.get().toFile(), null));
            return ssl.build();
        }

        /** A standalone or Sentinel URL, parsed, with the password given apart; empty when it names no Redis. */
        private Option<RedisURI> parsedUri(String url) {
            try {
                var parsed = RedisURI.create(url);
                if (!names(parsed, isSentinel(url)) || !writtenPortIsValid(url)) {
                    return Option.none();
                }
                parsed.setTimeout(timeout);
                parsed.getSentinels().forEach(sentinel -> {
                    sentinel.setTimeout(timeout);
                    sentinelPassword.forEach(secret -> {
                        if (sentinelUser.isDefined()) {
                            sentinel.setAuthentication(sentinelUser.get(), secret);
                        } else {
                            sentinel.setAuthentication(secret);
                        }
                    });
                });
                if (password.isDefined() && !hasPassword(url)) {
                    var user = userOf(url);
                    if (user.isDefined()) {
                        parsed.setAuthentication(user.get(), password.get());
                    } else {
                        parsed.setAuthentication(password.get());
                    }
                }
                return Option.some(parsed);
            } catch (RuntimeException e) {
                return Option.none();
            }
        }

        static boolean isCluster(String url) {
            var scheme = url.strip();
            return scheme.startsWith("redis-cluster://") || scheme.startsWith("rediss-cluster://");
        }

        /**
         * {@code redis-cluster://[user:password@]host:port[,host:port…]}: one URL per seed node, each
         * with the user, the password and TLS of the whole; empty when it names no seed, or a
         * database (a cluster has only database 0).
         */
        private Option<java.util.List<RedisURI>> clusterSeeds(String url) {
            var tls = url.startsWith("rediss-cluster://");
            var rest = url.substring(url.indexOf("://") + 3);
            var authority = rest.split("[/?#]", 2)[0];
            var after = rest.substring(authority.length());
            if (!after.isEmpty() && !after.equals("/") && !after.equals("/0")) {
                return Option.none();
            }
            int at = authority.lastIndexOf('@');
            var userInfo = at < 0 ? "" : authority.substring(0, at + 1);
            var seeds = new java.util.ArrayList<RedisURI>();
            for (var node : authority.substring(at + 1).split(",", -1)) {
                if (node.isEmpty()) {
                    return Option.none();
                }
                var seed = parsedUri((tls ? "rediss://" : "redis://") + userInfo + node);
                if (seed.isEmpty()) {
                    return Option.none();
                }
                seeds.add(seed.get());
            }
            return Option.some(java.util.List.copyOf(seeds));
        }

        private static final String URL_FORMS = "redis://[user:password@]host[:port][/db], rediss://…,"
                + " redis-sentinel://[user:password@]host:port[,host:port…][/db]#primary (rediss-sentinel://…), or"
                + " redis-cluster://[user:password@]host:port[,host:port…] (rediss-cluster://…)";

        /** Whether a parsed URL names where to connect: a host, or sentinels and the primary's name. */
        private static boolean names(RedisURI parsed, boolean sentinel) {
            if (!sentinel) {
                return parsed.getHost() != null && !parsed.getHost().isBlank();
            }
            return !parsed.getSentinels().isEmpty()
                    && parsed.getSentinels().stream()
                            .allMatch(s -> s.getHost() != null && !s.getHost().isBlank())
                    && parsed.getSentinelMasterId() != null
                    && !parsed.getSentinelMasterId().isBlank();
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }

        private static Either<AuthError, RedisSessionStoreAdapter> invalid(String field, String expected) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(field, expected)));
        }
    }
}
