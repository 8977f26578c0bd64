package io.github.samcoauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
 * committed or released, a commit writes session and generation and ends the lease in one step (and
 * only once, and never after the lease ended), a waiter wakes when the holder is done, a restore never overwrites, and a store
 * that says it pushes changes does push them. Extend it with the implementation under test.
 */
public abstract class SessionCoordinationPortContract {

    /** For a subclass that names the implementation under test. */
    protected SessionCoordinationPortContract() {}

    /**
     * A store and its coordination (often one object).
     *
     * @param coordination the store's renewal protocol
     * @param store the store
     */
    public record Instance(SessionStorePort store, SessionCoordinationPort coordination) {}

    private static final AccountId DV = AccountId.of("DV99999").get();

    /** The instance {@link #createInstance()} made for the running test. */
    protected Instance first;

    /**
     * A new instance over fresh, empty state.
     *
     * @return the instance
     */
    protected abstract Instance createInstance();

    /**
     * A second instance over the state {@link #createInstance()} made last, as another process or
     * host has it. A coordination that only serves one process returns the first one.
     *
     * @return the instance
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
    void givenALease_whenAnotherInstanceTries_thenNoneUntilItsHolderReleasesIt() {
        var other = anotherInstanceOnTheSameState();
        var lease = first.coordination().tryLease(DV).get();
        assertThat(lease.isDefined()).isTrue();
        assertThat(lease.get().account()).isEqualTo(DV);
        assertThat(other.coordination().tryLease(DV).get()).isEmpty();
        assertThat(first.coordination().tryLease(DV).get())
                .as("not twice, even here")
                .isEmpty();
        assertThat(lease.get().release()).isEqualTo(Either.right(true));
        assertThat(lease.get().release()).as("released once").isEqualTo(Either.right(false));
        var next = other.coordination().tryLease(DV).get();
        assertThat(next.isDefined()).isTrue();
        assertThat(next.get().release()).isEqualTo(Either.right(true));
    }

    @Test
    void givenLeasesOfTwoAccounts_whenTaken_thenEachIsItsOwn() {
        var rm = AccountId.of("RM3XXXXX").get();
        var dv = first.coordination().tryLease(DV).get();
        var other = first.coordination().tryLease(rm).get();
        assertThat(dv.isDefined()).isTrue();
        assertThat(other.isDefined()).isTrue();
        dv.get().release();
        other.get().release();
    }

    @Test
    void givenALease_whenCommitted_thenTheSessionIsStoredAGenerationCountedAndTheLeaseEnded() {
        var other = anotherInstanceOnTheSameState();
        first.store().save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        long before = other.coordination().read(DV).get().generation();
        var lease = first.coordination().tryLease(DV).get().get();
        var renewed = Sessions.session("DV99999", "22222222222222222222222222222222", Sessions.ISSUED.plusSeconds(60));
        var committed = lease.commit(renewed);
        assertThat(committed.isRight()).as("%s", committed).isTrue();
        var read = other.coordination().read(DV).get();
        assertThat(read.session()).isEqualTo(Option.some(renewed));
        assertThat(committed.get())
                .as("the session as stored, and its generation")
                .isEqualTo(read);
        if (before > 0) {
            assertThat(committed.get().generation()).as("one generation up").isEqualTo(before + 1);
        }
        assertThat(lease.release()).as("the commit ended it").isEqualTo(Either.right(false));
        var next = other.coordination().tryLease(DV).get();
        assertThat(next.isDefined()).as("free for the next renewal").isTrue();
        next.get().release();
    }

    @Test
    void givenAnEndedLease_whenCommitted_thenRefusedAndNothingWritten() {
        var stored = Sessions.session("DV99999", "11111111111111111111111111111111");
        first.store().save(stored);
        var lease = first.coordination().tryLease(DV).get().get();
        lease.release();
        var late = lease.commit(Sessions.session("DV99999", "22222222222222222222222222222222"));
        assertThat(late.isLeft()).as("%s", late).isTrue();
        assertThat(late.getLeft().code()).isEqualTo("storage-failure");
        var again = first.coordination().tryLease(DV).get().get();
        var once = again.commit(Sessions.session("DV99999", "33333333333333333333333333333333"));
        assertThat(once.isRight()).as("%s", once).isTrue();
        var twice = again.commit(Sessions.session("DV99999", "44444444444444444444444444444444"));
        assertThat(twice.isLeft()).as("a lease commits once").isTrue();
        assertThat(first.coordination().read(DV).get().session().get().token())
                .isEqualTo(Sessions.token("33333333333333333333333333333333"));
    }

    @Test
    void givenAHolder_whenItCommits_thenAWaiterWakesBeforeItsTimeout() throws Exception {
        var other = anotherInstanceOnTheSameState();
        first.store().save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        long seen = other.coordination().read(DV).get().generation();
        var lease = first.coordination().tryLease(DV).get().get();
        long started = System.nanoTime();
        var waiting =
                CompletableFuture.supplyAsync(() -> other.coordination().awaitChange(DV, seen, Duration.ofSeconds(20)));
        Thread.sleep(100);
        lease.commit(Sessions.session("DV99999", "22222222222222222222222222222222"));
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
