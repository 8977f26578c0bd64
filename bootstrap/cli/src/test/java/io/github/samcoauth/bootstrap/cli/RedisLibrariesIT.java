package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samco.jar} holds no Redis client: the Redis store, Lettuce, Netty and Reactor ship in
 * {@code lib/redis/} beside it and are loaded only for a Redis store. The real jar, in a subprocess.
 */
class RedisLibrariesIT {

    @TempDir
    Path stateDir;

    @TempDir
    Path elsewhere;

    @Test
    void givenTheBuiltJar_whenListed_thenNoRedisClientInsideAndTheOpenerBesideIt() throws Exception {
        try (var jar = new ZipFile(Cli.JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(name -> name.startsWith("io/lettuce/")
                            || name.startsWith("io/netty/")
                            || name.startsWith("reactor/")
                            || name.startsWith("io/github/samcoauth/adapter/persistence/redis/")
                            || name.startsWith("io/github/samcoauth/bootstrap/cli/redis/"))
                    .contains("io/github/samcoauth/bootstrap/cli/SamcoCli.class");
        }
        try (var listed = Files.list(Cli.JAR.resolveSibling(StoreOption.LIBRARIES))) {
            assertThat(listed.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("lettuce-core-"))
                    .anyMatch(name -> name.startsWith("samco-auth-adapter-persistence-redis-"))
                    .anyMatch(name -> name.startsWith("samco-auth-cli-") && name.endsWith("-redis.jar"));
        }
    }

    @Test
    void givenARealRedis_whenTheJarUsesIt_thenTheStoreIsReachedThroughLibRedis() throws Exception {
        try (var redis = new RedisProcess()) {
            var key = Cli.run(Map.of(), "", "keygen");
            assertThat(key.exit()).as(key.all()).isZero();
            var env = Map.of("SAMCO_STORE_KEY", key.stdout().strip());
            var session =
                    Cli.run(env, "", "--state-dir", stateDir.toString(), "--store", redis.url(), "--json", "session");
            // 4: Redis answered and holds no session; a missing client would be 7, a bug 70
            assertThat(session.exit()).as(session.all()).isEqualTo(4);
            assertThat(session.stdout()).contains("\"no-session\"");
        }
    }

    @Test
    void givenTheJarWithoutItsLibDirectory_whenARedisStoreIsAsked_thenExit7AndToldWhy() throws Exception {
        var alone = Files.copy(Cli.JAR, elsewhere.resolve("samco.jar"));
        var redis = Cli.run(
                alone, Map.of(), "", "--state-dir", stateDir.toString(), "--store", "redis://127.0.0.1:1", "session");
        assertThat(redis.exit()).as(redis.all()).isEqualTo(7);
        assertThat(redis.stderr())
                .contains("lib/redis")
                .contains("keep samco.jar and the lib/ directory beside it together")
                .doesNotContain("Exception");
        var files = Cli.run(alone, Map.of(), "", "--state-dir", stateDir.toString(), "session");
        assertThat(files.exit()).as(files.all()).isEqualTo(4);
    }
}
