package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet: several {@code samco keep} processes (the real jar) on one real Redis, against the
 * sandbox with short-lived tokens and a slow {@code /session/token}. Counts the sandbox's logins
 * through renewal cycles, the death of the lock holder midway through a login, the death of Redis,
 * and Samco revoking every token.
 */
class FleetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIFETIME = Duration.ofSeconds(16);
    private static final int REFRESH_BEFORE = 6;

    /** One {@code samco keep} process and the events it printed. */
    record Keeper(int host, Process process, ConcurrentLinkedQueue<JsonNode> events) {
        boolean printed(String event) {
            return events.stream().anyMatch(e -> e.path("event").asText().equals(event));
        }

        long count(String event) {
            return events.stream()
                    .filter(e -> e.path("event").asText().equals(event))
                    .count();
        }
    }

    @TempDir
    Path tmp;

    private final List<Keeper> keepers = new ArrayList<>();
    private RedisProcess redis;
    private SandboxServer sandbox;
    private final String storeKey = StoreOption.newKey().get();
    private final SandboxServer.ApiApp app = SandboxServer.DEFAULT_APPS.get(0);

    @AfterEach
    void stopAll() throws Exception {
        keepers.forEach(k -> k.process().destroyForcibly());
        if (redis != null) {
            redis.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Map<String, String> host(int n) {
        var env = new HashMap<String, String>();
        env.put("SAMCO_STORE", redis.url());
        env.put("SAMCO_STORE_KEY", storeKey);
        env.put("SAMCO_API_KEY", app.apiKey());
        env.put("SAMCO_API_SECRET", app.apiSecret());
        env.put("SAMCO_STATE_DIR", tmp.resolve("host" + n).toString());
        return env;
    }

    private Keeper keep(int n) throws IOException {
        return keep(n, List.of());
    }

    private Keeper keep(int n, List<String> extra) throws IOException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Cli.JAR.toString(),
                "--base-url",
                sandbox.url(),
                "--json",
                "keep",
                "--api-key",
                "--refresh-before",
                Integer.toString(REFRESH_BEFORE),
                "--check-every",
                "1"));
        command.addAll(extra);
        // stdout goes to a file that is followed: a pipe loses its last lines when the process exits
        // while a reader is blocked on it
        var stdout = tmp.resolve("keeper" + n + ".out");
        var builder = new ProcessBuilder(command)
                .redirectError(tmp.resolve("keeper" + n + ".err").toFile())
                .redirectOutput(stdout.toFile());
        builder.environment().putAll(host(n));
        var process = builder.start();
        var keeper = new Keeper(n, process, new ConcurrentLinkedQueue<>());
        var reader = new Thread(() -> follow(stdout, keeper));
        reader.setDaemon(true);
        reader.start();
        keepers.add(keeper);
        return keeper;
    }

    /** Reads the complete lines added to {@code file}, as JSON events, until the test ends. */
    private static void follow(Path file, Keeper keeper) {
        long read = 0;
        var pending = new StringBuilder();
        while (true) {
            try (var channel = java.nio.channels.FileChannel.open(file)) {
                var buffer = java.nio.ByteBuffer.allocate(8192);
                channel.position(read);
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    read += n;
                    pending.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
                    buffer.clear();
                }
            } catch (IOException e) {
                // not there yet
            }
            int newline;
            while ((newline = pending.indexOf("\n")) >= 0) {
                var line = pending.substring(0, newline);
                pending.delete(0, newline + 1);
                try {
                    keeper.events().add(JSON.readTree(line));
                } catch (IOException notJson) {
                    keeper.events().add(JSON.getNodeFactory().textNode(line));
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long events(String event) {
        return keepers.stream().mapToLong(k -> k.count(event)).sum();
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + within.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Every host's {@code samco token} is the sandbox's latest token (asked again if a renewal ran between). */
    private void everyHostHasTheLatestToken(int hosts) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            var latest = sandbox.latestToken("DV99999").orElseThrow();
            var seen = new ArrayList<String>();
            for (int n = 0; n < hosts; n++) {
                var run = Cli.run(host(n), "", "--base-url", sandbox.url(), "token");
                assertThat(run.exit()).as(run.stderr()).isZero();
                seen.add(run.stdout().strip());
            }
            if (seen.stream().allMatch(latest::equals) || attempt == 3) {
                assertThat(seen).containsOnly(latest);
                return;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void givenThreeKeepersOnOneRedis_whenSessionsExpireLockHoldersDieRedisDiesAndSamcoRevokes_thenOneLoginEachTime()
            throws Exception {
        redis = new RedisProcess();
        sandbox = SandboxServer.builder()
                .tokenLifetime(LIFETIME)
                .loginDelay(Duration.ofMillis(1500))
                .start();
        var first = Cli.run(host(0), "", "--base-url", sandbox.url(), "--json", "login", "--api-key");
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
        for (int n = 0; n < 3; n++) {
            keep(n);
        }
        await(
                "every keeper started",
                Duration.ofSeconds(30),
                () -> keepers.stream().allMatch(k -> k.printed("keeping")));

        // renewal cycles: one login per cycle, by one keeper, never two at once
        await("two renewals", Duration.ofSeconds(40), () -> sandbox.loginCount("DV99999") >= 3);
        await("the second renewal seen", Duration.ofSeconds(10), () -> events("renewing") >= 2);
        assertThat(sandbox.mostLoginsAtOnce()).isEqualTo(1);
        assertThat(events("renewing")).isEqualTo(sandbox.loginCount("DV99999") - 1);
        everyHostHasTheLatestToken(3);

        // kill -9 the keeper that is renewing, midway through its (slow) login
        long renewingBefore = events("renewing");
        await("the next renewal", Duration.ofSeconds(30), () -> events("renewing") > renewingBefore);
        var holder = keepers.stream()
                .filter(lastEventIs("renewing"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no keeper is renewing: " + keepers));
        await("its login reaching Samco", Duration.ofSeconds(5), () -> sandbox.loginsInFlight() == 1);
        int loginsBeforeKill = sandbox.loginCount("DV99999");
        holder.process().destroyForcibly();
        long killedAt = System.nanoTime();
        var survivors = keepers.stream().filter(k -> k != holder).toList();
        long survivorRenewals =
                survivors.stream().mapToLong(k -> k.count("renewed")).sum();
        await(
                "a survivor's renewal after the holder's death",
                Duration.ofSeconds(30),
                () -> survivors.stream().mapToLong(k -> k.count("renewed")).sum() > survivorRenewals);
        long takeover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertThat(takeover)
                .as("within the lock's 15 s time to live, plus the slow login")
                .isLessThan(20_000);
        assertThat(sandbox.mostLoginsAtOnce()).as("never two logins at once").isEqualTo(1);
        await(
                "the dead holder's process gone",
                Duration.ofSeconds(5),
                () -> !holder.process().isAlive());
        assertThat(sandbox.loginCount("DV99999"))
                .as("the dead holder's login, answered to nobody, and the survivor's")
                .isEqualTo(loginsBeforeKill + 2);

        // kill -9 Redis, start it again empty: the keepers survive and put the session back, no login
        int loginsBeforeRedisDied = sandbox.loginCount("DV99999");
        redis.kill();
        await(
                "the survivors notice",
                Duration.ofSeconds(10),
                () -> survivors.stream().allMatch(k -> k.printed("store-unavailable")));
        redis.start();
        await("the session put back", Duration.ofSeconds(15), () -> events("restored") >= 1);
        assertThat(events("restored")).as("single flight").isEqualTo(1);
        assertThat(survivors).allMatch(k -> k.process().isAlive());
        assertThat(sandbox.loginCount("DV99999")).isLessThanOrEqualTo(loginsBeforeRedisDied + 1);
        everyHostHasTheLatestToken(2);

        // Samco revokes every token: exactly one new login for the fleet
        await(
                "a quiet moment",
                Duration.ofSeconds(20),
                () -> !survivors.stream().anyMatch(lastEventIs("renewing")));
        int beforeRevoke = sandbox.loginCount("DV99999");
        long revokedBefore = events("revoked");
        sandbox.revokeAll();
        await("one new login", Duration.ofSeconds(15), () -> sandbox.loginCount("DV99999") >= beforeRevoke + 1);
        await("the revocation seen", Duration.ofSeconds(5), () -> events("revoked") > revokedBefore);
        Thread.sleep(3000);
        assertThat(sandbox.loginCount("DV99999"))
                .as("one login for the whole fleet")
                .isEqualTo(beforeRevoke + 1);
        everyHostHasTheLatestToken(2);

        // SIGTERM: exit 0, no lock left behind
        for (var keeper : survivors) {
            keeper.process().destroy();
            assertThat(keeper.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(keeper.process().exitValue()).isZero();
            try {
                await("its last line read", Duration.ofSeconds(5), () -> keeper.printed("stopped"));
            } catch (AssertionError e) {
                throw new AssertionError(
                        "keeper " + keeper.host() + " printed " + keeper.events() + "; on stderr: "
                                + java.nio.file.Files.readString(tmp.resolve("keeper" + keeper.host() + ".err")),
                        e);
            }
        }
        var events = keepers.stream()
                .flatMap(k -> k.events().stream())
                .map(JsonNode::toString)
                .toList();
        assertThat(String.join("\n", events)).doesNotContain(app.apiSecret()).doesNotContain(storeKey);
        System.out.printf(
                "fleet: %d logins in all; %d renewals by a keeper; most at once %d; takeover after the holder's"
                        + " death %d ms; restored %d time(s)%n",
                sandbox.loginCount("DV99999"),
                events("renewing"),
                sandbox.mostLoginsAtOnce(),
                takeover,
                events("restored"));
    }

    private static Predicate<Keeper> lastEventIs(String event) {
        return keeper -> {
            JsonNode last = null;
            for (var e : keeper.events()) {
                last = e;
            }
            return last != null && last.path("event").asText().equals(event);
        };
    }

    @Test
    void givenFourKeepersNamingTheAccountAndAnEmptyStore_whenTheyStartTogether_thenOneLoginForTheFleet()
            throws Exception {
        redis = new RedisProcess();
        sandbox = SandboxServer.builder().loginDelay(Duration.ofMillis(1500)).start();
        for (int n = 0; n < 4; n++) {
            keep(n, List.of("--account", "DV99999"));
        }
        await(
                "every keeper started",
                Duration.ofSeconds(40),
                () -> keepers.stream().allMatch(k -> k.printed("keeping")));
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
        assertThat(sandbox.mostLoginsAtOnce()).isEqualTo(1);
        everyHostHasTheLatestToken(4);
        for (var keeper : keepers) {
            keeper.process().destroy();
            assertThat(keeper.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(keeper.process().exitValue()).isZero();
        }
    }

    @Test
    void givenRedisDownWhenKeepStarts_whenRedisComesBack_thenKeepSaysSoOnceWaitsAndLogsIn() throws Exception {
        redis = new RedisProcess();
        redis.kill();
        sandbox = SandboxServer.start();
        var keeper = keep(0, List.of("--account", "DV99999"));
        await("the store said to be away", Duration.ofSeconds(30), () -> keeper.printed("store-unavailable"));
        Thread.sleep(2000);
        assertThat(keeper.process().isAlive()).as("keep waits for the store").isTrue();
        assertThat(keeper.count("store-unavailable")).isEqualTo(1);
        assertThat(sandbox.requestCount()).isZero();
        redis.start();
        await("keeping once the store is back", Duration.ofSeconds(40), () -> keeper.printed("keeping"));
        assertThat(keeper.printed("store-available")).isTrue();
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
        keeper.process().destroy();
        assertThat(keeper.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(keeper.process().exitValue()).isZero();
    }
}
