package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;

/**
 * {@code --store} / {@code SAMCO_STORE}: {@code file:DIR} or a Redis URL. The Redis classes are
 * touched only when a Redis URL is given (or a store key is made), so the file store's commands load
 * none of them; {@code samco.jar} does not even hold them.
 */
final class StoreOption {

    /** Where the journal lives (always a directory) and, for a fleet, the Redis URL of the sessions. */
    record Where(Path stateDir, Option<String> redisUrl) {}

    private static final String EXPECTED = "file:DIR, redis://[user:password@]host[:port][/db], rediss://…, or"
            + " redis-sentinel://[user:password@]host:port[,host:port…][/db]#primary (rediss-sentinel://…), or"
            + " redis-cluster://[user:password@]host:port[,host:port…] (rediss-cluster://…)";

    private StoreOption() {}

    static Either<AuthError, Where> parse(String raw, Path stateDir) {
        if (raw == null || raw.isBlank()) {
            return Either.right(new Where(stateDir, Option.none()));
        }
        var value = raw.strip();
        if (value.startsWith("file:")) {
            var dir = value.substring("file:".length());
            if (dir.isBlank()) {
                return invalid();
            }
            try {
                return Either.right(new Where(Path.of(dir), Option.none()));
            } catch (RuntimeException e) {
                return invalid();
            }
        }
        if (value.startsWith("redis://")
                || value.startsWith("rediss://")
                || value.startsWith("redis-sentinel://")
                || value.startsWith("rediss-sentinel://")
                || value.startsWith("redis-cluster://")
                || value.startsWith("rediss-cluster://")) {
            return Either.right(new Where(stateDir, Option.some(value)));
        }
        return invalid();
    }

    /** The environment variable a Redis password may come from, so that it need not stand in argv. */
    static final String PASSWORD_VARIABLE = "SAMCO_STORE_PASSWORD";

    /** The environment variable the sentinels' own password may come from. */
    static final String SENTINEL_PASSWORD_VARIABLE = "SAMCO_STORE_SENTINEL_PASSWORD";

    /**
     * {@code env} with {@value #PASSWORD_VARIABLE} read from {@code file} ({@code
     * --store-password-file}) when one is given: a private file of this user (as a credentials file),
     * its one line without the line break.
     */
    static Either<AuthError, Map<String, String>> passwordFrom(Path file, Map<String, String> env) {
        return secretFrom(file, env, PASSWORD_VARIABLE, "store password file", "the Redis password");
    }

    /** As {@link #passwordFrom}, for {@code --store-sentinel-password-file} and {@value #SENTINEL_PASSWORD_VARIABLE}. */
    static Either<AuthError, Map<String, String>> sentinelPasswordFrom(Path file, Map<String, String> env) {
        return secretFrom(
                file, env, SENTINEL_PASSWORD_VARIABLE, "store sentinel password file", "the Redis sentinels' password");
    }

    private static Either<AuthError, Map<String, String>> secretFrom(
            Path file, Map<String, String> env, String variable, String what, String line) {
        if (file == null) {
            return Either.right(env);
        }
        var read = PrivateFile.read(file, 4096);
        if (read.isLeft()) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(what, read.getLeft())));
        }
        var password = new String(read.get(), java.nio.charset.StandardCharsets.UTF_8);
        password = password.endsWith("\r\n")
                ? password.substring(0, password.length() - 2)
                : password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
        if (password.isEmpty() || password.indexOf('\n') >= 0) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Malformed(what, "one line: " + line)));
        }
        var with = new java.util.HashMap<>(env);
        with.put(variable, password);
        return Either.right(Map.copyOf(with));
    }

    /**
     * {@code env} with the TLS files given as options ({@code --store-ca}, {@code --store-cert},
     * {@code --store-cert-key}) in place of their variables: an option wins over the environment.
     */
    static Map<String, String> tlsFiles(Map<String, String> env, Path ca, Path certificate, Path key) {
        var with = new java.util.HashMap<>(env);
        if (ca != null) {
            with.put("SAMCO_STORE_CA", ca.toString());
        }
        if (certificate != null) {
            with.put("SAMCO_STORE_CERT", certificate.toString());
        }
        if (key != null) {
            with.put("SAMCO_STORE_CERT_KEY", key.toString());
        }
        return Map.copyOf(with);
    }

    private static Either<AuthError, Where> invalid() {
        return Either.left(new AuthError.InvalidInput(new DomainError.Malformed("store", EXPECTED)));
    }

    /** The class that builds the Redis store: in {@code lib/redis/} beside {@code samco.jar}, or on the class path. */
    static final String OPENER = "io.github.samcoauth.bootstrap.cli.redis.LettuceStoreOpener";

    /** Where {@code samco.jar} finds the Redis store and its client (Lettuce, Netty, Reactor) in a build. */
    static final String LIBRARIES = "lib/redis";

    /** Where it finds them in the distribution, whose {@code lib/} holds {@code samco.jar} itself. */
    static final String DISTRIBUTED_LIBRARIES = "redis";

    /** The Redis store of {@code url}, sealed with {@code SAMCO_STORE_KEY} unless plain text was asked for. */
    static Either<AuthError, SessionStorePort> redis(String url, Map<String, String> env, boolean plainText) {
        return opener().flatMap(o -> o.open(url, env, plainText));
    }

    /** A fresh key for {@code SAMCO_STORE_KEY}. */
    static Either<AuthError, String> newKey() {
        return opener().map(RedisStoreOpener::newKey);
    }

    private static Either<AuthError, RedisStoreOpener> opener() {
        return Loaded.OPENER;
    }

    /** Looked up once, on first use: the class loader of lib/redis/ is made at most once per process. */
    private static final class Loaded {
        static final Either<AuthError, RedisStoreOpener> OPENER =
                opener(StoreOption.class.getClassLoader(), jarDirectory());
    }

    /**
     * The opener on the class path of {@code own} (a build, a platform's tests), else from the jars in
     * {@code lib/redis/} under {@code jarDirectory}, through a class loader of their own.
     */
    static Either<AuthError, RedisStoreOpener> opener(ClassLoader own, Option<Path> jarDirectory) {
        try {
            return instance(Class.forName(OPENER, true, own), Option.none());
        } catch (ClassNotFoundException notOnTheClassPath) {
            // samco.jar: the opener ships beside it
        } catch (LinkageError broken) {
            return missing(jarDirectory.map(d -> d.resolve(LIBRARIES)));
        }
        if (jarDirectory.isEmpty()) {
            return missing(Option.none());
        }
        var libraries = jarDirectory.get().resolve(LIBRARIES);
        if (!Files.isDirectory(libraries, LinkOption.NOFOLLOW_LINKS)) {
            var distributed = jarDirectory.get().resolve(DISTRIBUTED_LIBRARIES);
            if (Files.isDirectory(distributed, LinkOption.NOFOLLOW_LINKS)) {
                libraries = distributed;
            }
        }
        var jars = new ArrayList<URL>();
        try (var listed = Files.newDirectoryStream(libraries, "*.jar")) {
            for (var jar : listed) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException | RuntimeException unreadable) {
            return missing(Option.some(libraries));
        }
        if (jars.isEmpty()) {
            return missing(Option.some(libraries));
        }
        jars.sort(Comparator.comparing(URL::toString));
        try {
            var loader = new URLClassLoader("samco-redis", jars.toArray(URL[]::new), own);
            return instance(Class.forName(OPENER, true, loader), Option.some(libraries));
        } catch (ClassNotFoundException | LinkageError broken) {
            return missing(Option.some(libraries));
        }
    }

    private static Either<AuthError, RedisStoreOpener> instance(Class<?> type, Option<Path> libraries) {
        try {
            return Either.right((RedisStoreOpener) type.getConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError broken) {
            return missing(libraries);
        }
    }

    private static <T> Either<AuthError, T> missing(Option<Path> libraries) {
        return Either.left(new AuthError.StorageFailure(
                "the Redis store's libraries are missing or damaged; they ship in " + LIBRARIES + "/ (in a build) or "
                        + DISTRIBUTED_LIBRARIES + "/ (in the distribution) beside samco.jar",
                libraries.map(Path::toString)));
    }

    /** The directory of the jar this class was loaded from, if it came from a jar. */
    private static Option<Path> jarDirectory() {
        try {
            var source = StoreOption.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Option.none();
            }
            var location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Option.of(location.getParent()) : Option.none();
        } catch (URISyntaxException | RuntimeException unknown) {
            return Option.none();
        }
    }
}
