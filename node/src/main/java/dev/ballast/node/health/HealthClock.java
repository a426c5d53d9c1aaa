package dev.ballast.node.health;

import java.time.Instant;

/** Time as health checking needs it: a monotonic clock for durations and a wall clock for what operators read. */
public interface HealthClock {

    long nanoTime();

    Instant wallTime();

    /** {@link #wallTime()} in milliseconds since the epoch, without an object: read once per check. */
    long wallMillis();

    static HealthClock system() {
        return new HealthClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant wallTime() {
                return Instant.now();
            }

            @Override
            public long wallMillis() {
                return System.currentTimeMillis();
            }
        };
    }
}
