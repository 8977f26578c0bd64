package io.github.samcoauth.application.keeping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduled executor that runs nothing by itself: {@link #execute} runs at once on the caller's
 * thread, and scheduled tasks run when the test calls {@link #runDue()} after moving the clock. Session
 * keeping under it is synchronous, so that a test (and a mutation tester) sees every step.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final class Task implements ScheduledFuture<Object> {
        final Runnable work;
        final long periodMillis;
        long dueAt;
        boolean cancelled;
        boolean done;

        Task(Runnable work, long dueAt, long periodMillis) {
            this.work = work;
            this.dueAt = dueAt;
            this.periodMillis = periodMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAt - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueAt, ((Task) other).dueAt);
        }

        @Override
        public boolean cancel(boolean interrupt) {
            cancelled = true;
            return !done;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    private final Clock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private boolean shutdown;

    ManualScheduler(Clock clock) {
        this.clock = clock;
    }

    /** Runs every task due by now (and those they make due), in order; how many ran. */
    int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueAt > clock.millis()) {
                    return ran;
                }
                queue.poll();
            }
            if (next.cancelled) {
                continue;
            }
            next.work.run();
            ran++;
            synchronized (this) {
                if (next.periodMillis > 0 && !next.cancelled && !shutdown) {
                    next.dueAt = clock.millis() + next.periodMillis;
                    queue.add(next);
                } else {
                    next.done = true;
                }
            }
            if (ran > 10_000) {
                throw new IllegalStateException("tasks keep scheduling each other without end");
            }
        }
    }

    /** Milliseconds until the next task is due (negative: overdue); none waiting: {@link Long#MAX_VALUE}. */
    synchronized long untilNext() {
        return queue.stream()
                .filter(t -> !t.cancelled)
                .mapToLong(t -> t.dueAt - clock.millis())
                .min()
                .orElse(Long.MAX_VALUE);
    }

    /** Tasks waiting, cancelled ones left out. */
    synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        command.run();
    }

    private synchronized Task add(Runnable work, long delay, TimeUnit unit, long period, TimeUnit periodUnit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        var task = new Task(work, clock.millis() + unit.toMillis(delay), periodUnit.toMillis(period));
        queue.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, delay, unit, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by session keeping");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, initialDelay, unit, Math.max(1, period), unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, initialDelay, unit, Math.max(1, delay), unit);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        var left = new ArrayList<Runnable>();
        queue.forEach(t -> left.add(t.work));
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
