package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs save sessions in a loop and are killed with SIGKILL at random instants; after every
 * kill the session file is one complete session (the last one written or the one before it), and
 * stray temporary files never reach a reader and are cleared by the next save. Two accounts are
 * tortured side by side, one child each at a time, to use both cores.
 */
class CrashSafetyTest {

    private static final int KILLS = Integer.getInteger("samco.crashKills", 200);

    @TempDir
    Path stateDir;

    /** What one lane saw: kills made and how many left a temporary file behind. */
    private record Lane(int kills, int temporariesLeft) {}

    @Test
    void givenWriterKilledAtRandomInstants_whenReadAfterEachKill_thenAlwaysAWholeSession() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(lane(new AccountId("DV99999"), KILLS / 2));
            var second = pool.submit(lane(new AccountId("RM3XXXXX"), KILLS - KILLS / 2));
            var a = first.get(10, TimeUnit.MINUTES);
            var b = second.get(10, TimeUnit.MINUTES);
            assertThat(a.kills() + b.kills()).isEqualTo(KILLS);
            System.out.printf(
                    "crash safety: %d kills, %d left a temporary file%n",
                    KILLS, a.temporariesLeft() + b.temporariesLeft());
        } finally {
            pool.shutdownNow();
        }
        try (var listing = Files.list(stateDir.resolve("sessions"))) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("DV99999.json", ".DV99999.lock", "RM3XXXXX.json", ".RM3XXXXX.lock");
        }
    }

    private Callable<Lane> lane(AccountId account, int kills) {
        return () -> {
            var reader = new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
            long last = -1;
            int temporariesLeft = 0;
            for (int kill = 0; kill < kills; kill++) {
                var child = Children.start(
                        SaverChild.class, stateDir.toString(), account.value(), "save", Long.toString(last + 1));
                try {
                    Children.awaitLine(child);
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 25));
                } finally {
                    child.destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                var found = reader.find(account);
                assertThat(found.isRight())
                        .as("%s kill %d: %s", account, kill, found)
                        .isTrue();
                assertThat(found.get().isDefined())
                        .as("%s kill %d: the file is there", account, kill)
                        .isTrue();
                var session = found.get().get();
                assertThat(SaverChild.whole(session))
                        .as("%s kill %d: a whole session", account, kill)
                        .isTrue();
                long n = Long.parseLong(session.token().value());
                assertThat(n)
                        .as("%s kill %d: never older than before", account, kill)
                        .isGreaterThanOrEqualTo(last);
                last = n;
                var prefix = "." + account.value() + ".json.";
                try (var listing = Files.list(stateDir.resolve("sessions"))) {
                    if (listing.anyMatch(p -> p.getFileName().toString().startsWith(prefix))) {
                        temporariesLeft++;
                    }
                }
            }
            // the next save clears what crashed writers left behind
            reader.save(SaverChild.session(account.value(), last + 1));
            assertThat(reader.find(account).get().get()).isEqualTo(SaverChild.session(account.value(), last + 1));
            return new Lane(kills, temporariesLeft);
        };
    }
}
