package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes save and delete the same account while this one reads in a loop. */
class MultiProcessTest {

    private static final AccountId ACCOUNT = new AccountId("RM3XXXXX");

    @TempDir
    Path stateDir;

    @Test
    void givenTwoWritersSavingAndDeleting_whenReadInALoop_thenNeverAPartialFile() throws Exception {
        var first = Children.start(SaverChild.class, stateDir.toString(), ACCOUNT.value(), "churn", "0");
        var second = Children.start(SaverChild.class, stateDir.toString(), ACCOUNT.value(), "churn", "1000000000");
        try {
            Children.awaitLine(first);
            Children.awaitLine(second);
            var reader = new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
            int reads = 0;
            int present = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until) {
                var found = reader.find(ACCOUNT);
                assertThat(found.isRight()).as("read %d: %s", reads, found).isTrue();
                if (found.get().isDefined()) {
                    assertThat(SaverChild.whole(found.get().get())).isTrue();
                    present++;
                }
                assertThat(reader.findAll()).isRight();
                reads++;
            }
            assertThat(first.isAlive() && second.isAlive())
                    .as("both writers ran throughout")
                    .isTrue();
            assertThat(present).as("some reads saw a session (%d reads)", reads).isPositive();
        } finally {
            first.destroyForcibly().waitFor();
            second.destroyForcibly().waitFor();
        }
        var store = new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
        store.save(SaverChild.session(ACCOUNT.value(), 7));
        assertThat(store.find(ACCOUNT).get().get()).isEqualTo(SaverChild.session(ACCOUNT.value(), 7));
    }

    @Test
    void givenManyThreadsWithTheirOwnStores_whenSavingTheSameAccount_thenLastWriterWinsWhole() throws Exception {
        var threads = new java.util.ArrayList<Thread>();
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 8; t++) {
            final int base = t * 1000;
            var thread = new Thread(() -> {
                var store = new FileSessionStoreAdapter(stateDir, Clock.systemUTC());
                for (int i = 0; i < 50; i++) {
                    if (store.save(SaverChild.session(ACCOUNT.value(), base + i))
                            .isLeft()) {
                        failures.incrementAndGet();
                    }
                    var read = store.find(ACCOUNT);
                    if (read.isLeft()
                            || read.get().isEmpty()
                            || !SaverChild.whole(read.get().get())) {
                        failures.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (var thread : threads) {
            thread.join();
        }
        assertThat(failures.get()).isZero();
    }
}
