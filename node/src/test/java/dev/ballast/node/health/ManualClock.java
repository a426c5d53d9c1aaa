package dev.ballast.node.health;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when a test says so. */
final class ManualClock implements HealthClock {

    private long nanos = 1_000_000_000L;
    private Instant wall = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
        nanos += by.toNanos();
        wall = wall.plus(by);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant wallTime() {
        return wall;
    }

    @Override
    public long wallMillis() {
        return wall.toEpochMilli();
    }
}
