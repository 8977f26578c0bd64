package io.github.samcoauth.application.keeping;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * When a session source reads its store. A store that pushes changes is read when one arrives (and
 * when its notifications are lost or back), at the start of the renewal window, and otherwise only
 * every {@value #SAFETY_CHECK_MILLIS} ms, jittered so that a fleet's instances do not read together;
 * inside the window, every second while a renewal is due. A store that cannot push is polled.
 */
final class CheckSchedule {

    /** With changes pushed, the store is still read this often (plus jitter), in case one was lost. */
    static final long SAFETY_CHECK_MILLIS = 10_000;

    static final long SAFETY_JITTER_MILLIS = 2_000;

    private final ScheduledExecutorService executor;
    private final long pollMillis;
    private final LongSupplier untilRefresh;
    private final Runnable check;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable onChange = this::changed;
    private volatile ScheduledFuture<?> next;
    private volatile boolean closed;
    private volatile boolean pushed;

    /**
     * @param untilRefresh milliseconds until the session in use enters its renewal window (zero or
     *     less inside it; {@link Long#MAX_VALUE} with no session)
     * @param check one read of the store; it must not throw
     */
    CheckSchedule(ScheduledExecutorService executor, long pollMillis, LongSupplier untilRefresh, Runnable check) {
        this.executor = executor;
        this.pollMillis = pollMillis;
        this.untilRefresh = untilRefresh;
        this.check = check;
        this.next = executor.schedule(this::tick, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** What the store calls when the account's session may have changed. */
    Runnable onChange() {
        return onChange;
    }

    boolean pushed() {
        return pushed;
    }

    /** The store pushes changes from now on: reads follow them. */
    void pushedFromNowOn() {
        pushed = true;
    }

    void close() {
        closed = true;
        next.cancel(false);
    }

    private void tick() {
        check.run();
        if (!closed) {
            try {
                next = executor.schedule(this::tick, nextDelay(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // the executor is shut down: no more checks
            }
        }
    }

    long nextDelay() {
        if (!pushed) {
            return pollMillis;
        }
        long safety = SAFETY_CHECK_MILLIS + ThreadLocalRandom.current().nextLong(SAFETY_JITTER_MILLIS);
        long until = untilRefresh.getAsLong();
        if (until <= 0) {
            return Math.max(pollMillis, 1000);
        }
        return Math.max(pollMillis, Math.min(safety, until));
    }

    /** One check soon, however many changes arrive meanwhile. */
    private void changed() {
        if (closed || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.set(false);
                check.run();
            });
        } catch (RejectedExecutionException stopped) {
            queued.set(false);
        }
    }
}
