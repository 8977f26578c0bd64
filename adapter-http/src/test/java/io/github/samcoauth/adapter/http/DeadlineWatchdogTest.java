package io.github.samcoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineWatchdogTest {

    private final DeadlineWatchdog watchdog = new DeadlineWatchdog();

    @AfterEach
    void close() {
        watchdog.close();
    }

    private static long in(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    @Test
    void givenACallThatEndsInTime_whenEnded_thenNoInterruptAndNothingLeftWatched() {
        for (int i = 0; i < 10_000; i++) {
            var watch = watchdog.start(in(Duration.ofSeconds(30)));
            assertThat(watchdog.end(watch)).isTrue();
        }
        assertThat(Thread.interrupted()).isFalse();
        assertThat(watchdog.watching()).isZero();
    }

    @Test
    void givenACallStillRunningAtItsDeadline_whenItWaits_thenInterruptedAndToldItTimedOut() {
        var watch = watchdog.start(in(Duration.ofMillis(50)));
        long started = System.nanoTime();
        boolean interrupted = false;
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        assertThat(interrupted).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(40L, 5_000L);
        assertThat(watch.timedOut()).isTrue();
        assertThat(watchdog.end(watch)).isFalse();
    }

    @Test
    void givenADeadlinePassedJustAsTheCallEnds_whenEnded_thenTheInterruptNeverOutlivesTheClearing() {
        for (int i = 0; i < 2_000; i++) {
            var watch = watchdog.start(System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(i % 50));
            Thread.onSpinWait();
            if (!watchdog.end(watch)) {
                Thread.interrupted(); // what DeadlineClient does when the deadline came first
            }
            assertThat(Thread.currentThread().isInterrupted()).as("round %d", i).isFalse();
        }
    }

    @Test
    void givenAWatchdogSleepingUntilALaterDeadline_whenAnEarlierOneArrives_thenItIsKeptToo() throws Exception {
        var late = new Thread(() -> {
            var watch = watchdog.start(in(Duration.ofSeconds(20)));
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException expectedLate) {
                // not within this test
            } finally {
                watchdog.end(watch);
            }
        });
        late.start();
        Thread.sleep(100);
        var early = watchdog.start(in(Duration.ofMillis(100)));
        boolean interrupted = false;
        long started = System.nanoTime();
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        assertThat(interrupted).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000L);
        assertThat(watchdog.end(early)).isFalse();
        late.interrupt();
        late.join();
    }

    @Test
    void givenAClosedWatchdog_whenACallStarts_thenRefused() {
        watchdog.close();
        assertThatThrownBy(() -> watchdog.start(in(Duration.ofSeconds(1))))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
