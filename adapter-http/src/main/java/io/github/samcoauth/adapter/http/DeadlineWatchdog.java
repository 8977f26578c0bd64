package io.github.samcoauth.adapter.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts a call that is still running at its deadline. One daemon thread per client, started
 * with the first call.
 *
 * <p>The thread sleeps until the earliest deadline on its queue and is woken by a new call only
 * when that call's deadline is earlier, which for one client (every call allowed the same time)
 * means only when it slept with nothing to watch. A call that ends takes itself off the queue when
 * it is at its head; the thread drops the others when it next reads the queue. A scheduled
 * executor, by contrast, woke its thread on every call: two context switches per request, about
 * 5 % of a login on loopback.
 */
final class DeadlineWatchdog {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    /** The watchdog is sending its interrupt: the caller waits for it before clearing it. */
    private static final int INTERRUPTING = 2;

    private static final int TIMED_OUT = 3;

    /** One call being watched: who to interrupt, when, and whether it has ended. */
    static final class Watch {
        private final Thread caller;
        private final long deadlineNanos;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        private Watch(Thread caller, long deadlineNanos) {
            this.caller = caller;
            this.deadlineNanos = deadlineNanos;
        }

        /** True if the call past its deadline was interrupted (or is about to be) by the watchdog. */
        boolean timedOut() {
            int now = state.get();
            return now == INTERRUPTING || now == TIMED_OUT;
        }
    }

    private final ConcurrentLinkedQueue<Watch> watched = new ConcurrentLinkedQueue<>();
    /** Calls started so far: tells the thread that the queue changed while it read it. */
    private final AtomicLong started = new AtomicLong();

    private final Thread thread;
    /** When the thread wakes up by itself; {@code Long.MAX_VALUE} while it sleeps with nothing to watch. */
    private volatile long sleepsUntil = Long.MAX_VALUE;

    private volatile boolean closed;

    DeadlineWatchdog() {
        thread = new Thread(this::watch, "samco-http-deadline");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches the calling thread until {@link #end} or {@code deadlineNanos} ({@link System#nanoTime}). */
    Watch start(long deadlineNanos) {
        if (closed) {
            throw new RejectedExecutionException("the HTTP client is closed");
        }
        var watch = new Watch(Thread.currentThread(), deadlineNanos);
        watched.add(watch);
        started.incrementAndGet();
        long until = sleepsUntil;
        if (until == Long.MAX_VALUE || deadlineNanos - until < 0) {
            LockSupport.unpark(thread);
        }
        return watch;
    }

    /**
     * Ends the watch of a call; returns false if the deadline came first, in which case the interrupt
     * the watchdog sent (or is sending) belongs to this call and the caller clears it.
     */
    boolean end(Watch watch) {
        boolean inTime = watch.state.compareAndSet(RUNNING, DONE);
        while (watch.state.get() == INTERRUPTING) {
            Thread.onSpinWait(); // the interrupt is on its way: it must land before the caller clears it
        }
        Watch head;
        while ((head = watched.peek()) != null && head.state.get() != RUNNING) {
            watched.remove(head);
        }
        return inTime;
    }

    /** How many calls are on the queue (ended ones included until they reach its head). */
    int watching() {
        return watched.size();
    }

    /** Stops the thread; calls still running are no longer watched. */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void watch() {
        while (!closed) {
            long seen = started.get();
            long now = System.nanoTime();
            long earliest = 0;
            boolean any = false;
            for (var it = watched.iterator(); it.hasNext(); ) {
                var watch = it.next();
                if (watch.state.get() != RUNNING) {
                    it.remove();
                } else if (watch.deadlineNanos - now <= 0) {
                    it.remove();
                    if (watch.state.compareAndSet(RUNNING, INTERRUPTING)) {
                        watch.caller.interrupt();
                        watch.state.set(TIMED_OUT);
                    }
                } else if (!any || watch.deadlineNanos - earliest < 0) {
                    earliest = watch.deadlineNanos;
                    any = true;
                }
            }
            sleepsUntil = any ? earliest : Long.MAX_VALUE;
            if (started.get() != seen) {
                continue; // a call came in while the queue was read: read it again
            }
            if (any) {
                LockSupport.parkNanos(this, earliest - now);
            } else {
                LockSupport.park(this);
            }
        }
    }
}
