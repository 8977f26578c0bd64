package io.github.samcoauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time passing from {@code start}, plus the jumps a test makes (past a renewal window, past
 * an expiry), for code that waits in real time and reads this clock for the hour.
 */
public final class JumpingClock extends Clock {

    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final AtomicLong jumped = new AtomicLong();

    public JumpingClock(Instant start) {
        this.start = start;
    }

    /** Moves the clock forward by {@code by} at once. */
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
        return start.toEpochMilli() + jumped.get() + (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
