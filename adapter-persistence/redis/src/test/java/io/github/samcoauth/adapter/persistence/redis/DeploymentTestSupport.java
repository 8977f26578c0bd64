package io.github.samcoauth.adapter.persistence.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the tests of a Redis deployment share: certificates made once, README's ACL user for this
 * test's key prefix, stores reached as that user (over mutual TLS when asked), everything opened
 * closed after each test.
 */
abstract class DeploymentTestSupport {

    static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    static final String PASSWORD = "desk-deployment-password-01";

    static Path dir;
    static TestCertificates certificates;

    final List<AutoCloseable> opened = new ArrayList<>();
    final String prefix = getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();

    @BeforeAll
    static void certificates() throws Exception {
        RedisServerProcess.requireInstalled();
        dir = Files.createTempDirectory("samco-deployment");
        certificates = TestCertificates.makeIn(dir);
    }

    @AfterAll
    static void removeFiles() throws Exception {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** README's user {@code desk}, as a {@code user} line of a node, with {@code more} commands, less {@code leftOut}. */
    List<String> aclUser(List<String> more, List<String> leftOut) {
        var rules = new ArrayList<>(List.of("desk", "on", ">" + PASSWORD, "~" + prefix + ":*", "&" + prefix + ":*"));
        RedisTlsTest.ACL_COMMANDS.forEach(c -> rules.add("+" + c));
        more.forEach(c -> rules.add("+" + c));
        rules.removeIf(rule -> leftOut.contains(rule.substring(1)));
        return rules;
    }

    /** A store at {@code url} as {@code desk}, over mutual TLS when {@code tls}; closed after the test. */
    RedisSessionStoreAdapter store(String url, boolean tls, Duration lockTtl) {
        var builder = RedisSessionStoreAdapter.builder()
                .uri(url)
                .password(PASSWORD)
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .timeout(Duration.ofSeconds(1))
                .lockTtl(lockTtl);
        if (tls) {
            builder.trustedCertificates(certificates.ca())
                    .clientCertificate(certificates.certificate("client"), certificates.key("client"));
        }
        var store = builder.build().get();
        opened.add(store);
        return store;
    }

    /**
     * Two instances, one renewal, on the deployment whose primaries serve {@code ports}: the cost
     * printed as {@code name}; at most 80 calls (measured 55 with the scripts' own; a loop of reads
     * or lease tries would be hundreds), one login, both on its token.
     */
    void oneRenewalCostsAFewCommands(String name, List<Integer> ports, String url) throws Exception {
        var received = new CommandsReceived(ports);
        opened.add(received);
        var cost = KeepersThroughAFault.oneRenewal(
                store(url, false, Duration.ofSeconds(3)), store(url, false, Duration.ofSeconds(3)), received);
        System.out.printf(
                "%s renewal: %d commands, both on its token %s after its login began: %s%n",
                name,
                cost.commands(),
                cost.converged().map(d -> d.toMillis() + " ms").getOrElse("never"),
                cost.received());
        org.assertj.core.api.Assertions.assertThat(cost.converged()).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(cost.logins()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(cost.commands()).isLessThanOrEqualTo(80);
    }

    /**
     * Four idle instances of one account (and the one that saved its session) at {@code url}: what
     * the primaries serving {@code ports} receive from them per instance per second, printed as
     * {@code name}, at most 1. {@code notTheClients}: commands the deployment sends itself
     * ({@code cmdstat_…}), left out of the count and printed apart. Over {@code
     * -Dsamco.idleSeconds} (6 by default).
     */
    void idleCostIsAtMostOneCommandPerSecond(
            String name, List<Integer> ports, String url, java.util.Set<String> notTheClients) throws Exception {
        var first = store(url, false, Duration.ofSeconds(3));
        org.assertj.core.api.Assertions.assertThat(first.save(io.github.samcoauth.testkit.Sessions.session(
                                "DV99999", "cccccccccccccccccccccccccccccccc", java.time.Instant.now()))
                        .isRight())
                .isTrue();
        var keepers = new KeepersThroughAFault();
        opened.add(keepers);
        for (int i = 0; i < 4; i++) {
            keepers.instance(
                    store(url, false, Duration.ofSeconds(3)), KeepersThroughAFault.Step.AFTER_COMMIT, () -> {});
        }
        org.assertj.core.api.Assertions.assertThat(keepers.run(KeepersThroughAFault.Step.DURING_LOGIN, () -> {}))
                .isTrue();
        var received = new CommandsReceived(ports);
        opened.add(received);
        Thread.sleep(1_000); // every instance loaded and subscribed
        var before = received.read();
        long started = System.nanoTime();
        Thread.sleep(Long.getLong("samco.idleSeconds", 6) * 1_000);
        org.assertj.core.api.Assertions.assertThat(keepers.allServe()).isTrue();
        var idle = received.since(before);
        var deployments = new java.util.TreeMap<String, Long>();
        notTheClients.forEach(command -> {
            var count = idle.remove(command);
            if (count != null) {
                deployments.put(command, count);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        double perInstancePerSecond = CommandsReceived.commands(idle) / seconds / 4;
        System.out.printf(
                "%s idle: %.2f Redis commands per instance per account per second in %.0f s: %s (the deployment's"
                        + " own, left out: %s)%n",
                name, perInstancePerSecond, seconds, idle, deployments);
        org.assertj.core.api.Assertions.assertThat(keepers.logins.get()).isZero();
        org.assertj.core.api.Assertions.assertThat(perInstancePerSecond)
                .as("idle cost")
                .isLessThanOrEqualTo(1.0);
    }
}
