package io.github.samcoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.port.out.RenewalLease;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionCoordinationPort} must do, so that a fleet renews once: read gives the
 * stored session with a generation that never goes down, a lease is its holder's alone until
 * released by it, a waiter wakes when the holder is done, a restore never overwrites, and a store
 * that says it pushes changes does push them. Extend it with the implementation under test.
 */
public abstract class SessionCoordinationPortContract {

    /** A store and its coordination (often one object). */
    public record Instance(SessionStorePort store, SessionCoordinationPort coordination) {}

    private static final AccountId DV = AccountId.of("DV99999").get();

    protected Instance first;

    /** A new instance over fresh, empty state. */
    protected abstract Instance createInstance();

    /**
     * A second instance over the state {@link #createInstance()} made last, as another process or
     * host has it. A coordination that only serves one process returns the first one.
     */
    protected abstract Instance anotherInstanceOnTheSameState();

    @BeforeEach
    void freshState() {
        first = createInstance();
    }

    @Test
    void givenNothingStored_whenRead_thenNoSession() {
        var read = first.coordination().read(DV);
        assertThat(read.isRight()).as("%s", read).isTrue();
        assertThat(read.get().session()).isEmpty();
    }

    @Test
    void givenSaves_whenReadHereAndElsewhere_thenTheLatestSessionAndAGenerationThatNeverGoesDown() {
        var other = anotherInstanceOnTheSameState();
        first.store().save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        long one = first.coordination().read(DV).get().generation();
        var second = Sessions.session("DV99999", "22222222222222222222222222222222", Sessions.ISSUED.plusSeconds(60));
        first.store().save(second);
        var read = other.coordination().read(DV).get();
        assertThat(read.session()).isEqualTo(Option.some(second));
        assertThat(read.generation()).isGreaterThanOrEqualTo(one).isGreaterThanOrEqualTo(0);
        first.store().delete(DV);
        var removed = other.coordination().read(DV).get();
        assertThat(removed.session()).isEmpty();
        assertThat(removed.generation()).isGreaterThanOrEqualTo(read.generation());
    }

    @Test
    void givenALease_whenAnotherInstanceTries_thenNoneUntilItsOwnerReleasesIt() {
        var other = anotherInstanceOnTheSameState();
        var lease = first.coordination().tryLock(DV).get();
        assertThat(lease.isDefined()).isTrue();
        assertThat(other.coordination().tryLock(DV)).isEqualTo(Either.right(Option.none()));
        assertThat(first.coordination().tryLock(DV)).as("not twice, even here").isEqualTo(Either.right(Option.none()));
        var forged = new RenewalLease(DV, "not-the-owner");
        assertThat(other.coordination().release(forged)).isEqualTo(Either.right(false));
        assertThat(other.coordination().tryLock(DV)).isEqualTo(Either.right(Option.none()));
        assertThat(first.coordination().release(lease.get())).isEqualTo(Either.right(true));
        assertThat(first.coordination().release(lease.get()))
                .as("released once")
                .isEqualTo(Either.right(false));
        var next = other.coordination().tryLock(DV).get();
        assertThat(next.isDefined()).isTrue();
        assertThat(other.coordination().release(next.get())).isEqualTo(Either.right(true));
    }

    @Test
    void givenLeasesOfTwoAccounts_whenTaken_thenEachIsItsOwn() {
        var rm = AccountId.of("RM3XXXXX").get();
        var dv = first.coordination().tryLock(DV).get();
        var other = first.coordination().tryLock(rm).get();
        assertThat(dv.isDefined()).isTrue();
        assertThat(other.isDefined()).isTrue();
        first.coordination().release(dv.get());
        first.coordination().release(other.get());
    }

    @Test
    void givenAHolder_whenItSavesAndReleases_thenAWaiterWakesBeforeItsTimeout() throws Exception {
        var other = anotherInstanceOnTheSameState();
        first.store().save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        long seen = other.coordination().read(DV).get().generation();
        var lease = first.coordination().tryLock(DV).get().get();
        long started = System.nanoTime();
        var waiting =
                CompletableFuture.supplyAsync(() -> other.coordination().awaitChange(DV, seen, Duration.ofSeconds(20)));
        Thread.sleep(100);
        first.store().save(Sessions.session("DV99999", "22222222222222222222222222222222"));
        first.coordination().release(lease);
        var woke = waiting.get(15, TimeUnit.SECONDS);
        assertThat(woke.isRight()).as("%s", woke).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                .as("woke long before its 20 s timeout")
                .isLessThan(10);
        assertThat(other.coordination().read(DV).get().session().get().token())
                .isEqualTo(Sessions.token("22222222222222222222222222222222"));
    }

    @Test
    void givenAStoredSession_whenAnotherIsRestored_thenTheStoredOneStays() {
        var stored = Sessions.session("DV99999", "11111111111111111111111111111111");
        first.store().save(stored);
        var older = Sessions.session("DV99999", "00000000000000000000000000000000");
        assertThat(first.coordination().restore(older, Long.MAX_VALUE / 2)).isEqualTo(Either.right(false));
        assertThat(first.coordination().read(DV).get().session()).isEqualTo(Option.some(stored));
    }

    @Test
    void givenAWatcher_whenAnotherInstanceSaves_thenToldIfThisStorePushes() throws Exception {
        var told = new AtomicInteger();
        boolean pushes = first.coordination().watch(DV, told::incrementAndGet);
        anotherInstanceOnTheSameState().store().save(Sessions.session("DV99999", "33333333333333333333333333333333"));
        if (!pushes) {
            return; // the caller polls such a store: nothing is promised
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (told.get() == 0) {
            assertThat(System.nanoTime()).as("told within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
