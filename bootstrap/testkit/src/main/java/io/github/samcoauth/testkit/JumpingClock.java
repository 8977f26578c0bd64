package io.github.samcoauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock a test moves: from {@code start}, the jumps the test makes (past a renewal window, past
 * an expiry), plus real time passing when it runs (for code that waits in real time and reads this
 * clock for the hour); a {@link #frozen} one moves only when told.
 */
public final class JumpingClock extends Clock {

    private final Instant start;
    private final boolean running;
    private final long startNanos = System.nanoTime();
    private final AtomicLong jumped = new AtomicLong();

    /**
     * Runs with real time from {@code start}.
     *
     * @param start the time it starts at
     */
    public JumpingClock(Instant start) {
        this(start, true);
    }

    private JumpingClock(Instant start, boolean running) {
        this.start = start;
        this.running = running;
    }

    /**
     * Stands at {@code start} until {@link #advance} moves it.
     *
     * @param start the time it stands at
     * @return the clock
     */
    public static JumpingClock frozen(Instant start) {
        return new JumpingClock(start, false);
    }

    /**
     * Moves the clock forward by {@code by} at once.
     *
     * @param by how far
     */
    public void advance(Duration by) {
        jumped.addAndGet(by.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return start.toEpochMilli() + jumped.get() + (running ? (System.nanoTime() - startNanos) / 1_000_000 : 0);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
