package io.github.samcoauth.application.keeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.collection.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The small parts of session keeping, each on its own: events said once, when to read the store. */
class KeepingPartsTest {

    @Test
    void givenTheSameOccurrenceManyTimes_whenSaid_thenTheListenerHearsItOnceAndAThrowingListenerIsSurvived() {
        var heard = new ConcurrentLinkedQueue<SessionEvent>();
        var events = new SessionEvents(heard::add);
        var first = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        var second = Sessions.session("DV99999", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        for (int i = 0; i < 5; i++) {
            events.revoked(first);
            events.renewed(second, "renewed here");
            events.notRenewable(first);
        }
        events.renewed(first, "back to the first");
        assertThat(List.ofAll(heard).map(SessionEvent::type))
                .containsExactly(
                        SessionEvent.Type.REVOKED,
                        SessionEvent.Type.RENEWED,
                        SessionEvent.Type.NOT_RENEWABLE,
                        SessionEvent.Type.RENEWED);
        assertThat(heard.peek().expiresAt().get()).isEqualTo(first.expiresAt());
        assertThat(heard).allSatisfy(event -> assertThat(event.method().get()).isEqualTo(first.method()));
        events.say(SessionEvent.Type.STORE_UNAVAILABLE, first.accountId(), io.vavr.control.Option.none(), "away");
        assertThat(List.ofAll(heard).last().method().isEmpty())
                .as("no session, no method")
                .isTrue();
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> new SessionEvent(
                        SessionEvent.Type.RENEWED, first.accountId(), io.vavr.control.Option.none(), "x", null));
        var throwing = new SessionEvents(event -> {
            throw new IllegalStateException("the platform's bug");
        });
        throwing.renewed(first, "anyway");
    }

    @Test
    void givenANewerSessionInUse_whenARenewalsOwnOlderLoginIsAdoptedLate_thenTheInstanceNeverGoesBack() {
        var heard = new ConcurrentLinkedQueue<SessionEvent>();
        var kept = new KeptSession(
                io.vavr.control.Option.none(),
                new SessionEvents(heard::add),
                java.time.Clock.fixed(Sessions.ISSUED, java.time.ZoneOffset.UTC),
                java.time.Duration.ofMinutes(30));
        var first = Sessions.session("DV99999", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Sessions.ISSUED);
        var late = Sessions.session("DV99999", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Sessions.ISSUED.plusMillis(10));
        var newer = Sessions.session("DV99999", "cccccccccccccccccccccccccccccccc", Sessions.ISSUED.plusMillis(12));
        kept.adopt(first, 1, "loaded");
        // another instance's newer session is seen first; this instance's own login ends after it
        assertThat(kept.adopt(newer, 3, "saved by another instance")).isEqualTo(io.vavr.control.Either.right(newer));
        assertThat(kept.adopt(late, 2, "logged in here")).isEqualTo(io.vavr.control.Either.right(newer));
        assertThat(kept.answer()).isEqualTo(io.vavr.control.Either.right(newer));
        kept.noneStored(first.accountId());
        assertThat(kept.adopt(late, 2, "logged in here").isLeft())
                .as("with none in use, still never an older session than one used before")
                .isTrue();
        assertThat(List.ofAll(heard).map(SessionEvent::type)).containsExactly(SessionEvent.Type.RENEWED);
    }

    @Test
    void givenAStoreThatPushesOrNot_whenTheNextReadIsPlanned_thenPollOrSafetyOrTheRenewalWindow() {
        var executor = Executors.newSingleThreadScheduledExecutor();
        var until = new AtomicLong(Long.MAX_VALUE);
        try {
            var schedule = new CheckSchedule(executor, 50, until::get, () -> {});
            assertThat(schedule.nextDelay()).as("no push: polled").isEqualTo(50);
            schedule.pushedFromNowOn();
            assertThat(schedule.pushed()).isTrue();
            assertThat(schedule.nextDelay())
                    .as("pushed, no session due: the safety read")
                    .isBetween(
                            CheckSchedule.SAFETY_CHECK_MILLIS,
                            CheckSchedule.SAFETY_CHECK_MILLIS + CheckSchedule.SAFETY_JITTER_MILLIS);
            until.set(3_000);
            assertThat(schedule.nextDelay())
                    .as("the renewal window comes first")
                    .isEqualTo(3_000);
            until.set(10);
            assertThat(schedule.nextDelay()).as("never under the poll interval").isEqualTo(50);
            until.set(0);
            assertThat(schedule.nextDelay())
                    .as("inside the window: every second")
                    .isEqualTo(1_000);
            schedule.close();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void givenABurstOfChangesWhileTheExecutorIsBusy_whenItFrees_thenOneRead() throws InterruptedException {
        var executor = Executors.newSingleThreadScheduledExecutor();
        var checks = new AtomicInteger();
        var busy = new java.util.concurrent.CountDownLatch(1);
        var schedule = new CheckSchedule(executor, 3_600_000, () -> Long.MAX_VALUE, checks::incrementAndGet);
        executor.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 100; i++) {
            schedule.onChange().run();
        }
        busy.countDown();
        schedule.close();
        executor.shutdown();
        assertThat(executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        assertThat(checks).as("100 changes, one read").hasValue(1);
    }
}
