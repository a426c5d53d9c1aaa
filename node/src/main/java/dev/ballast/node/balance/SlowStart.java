package dev.ballast.node.balance;

import java.time.Duration;

/**
 * Slow start: after a server comes (back) up, its effective weight ramps linearly from 0 to its full weight over
 * the configured time, so a cold server is not flooded at once. Pure arithmetic on an elapsed time that the caller
 * measures with its own clock.
 */
public final class SlowStart {

    private SlowStart() {
    }

    /**
     * @param fullWeight   the configured weight
     * @param ramp         the slow-start time; zero or negative means no slow start
     * @param elapsedNanos time since the server came up
     * @return ceil(fullWeight × elapsed ÷ ramp), clamped to [0, fullWeight]: 0 at the instant it comes up, at least
     *         1 as soon as any time has passed (for a non-zero weight), the full weight once the ramp is over
     */
    public static int weightAt(int fullWeight, Duration ramp, long elapsedNanos) {
        long rampNanos = ramp.toNanos();
        if (rampNanos <= 0 || elapsedNanos >= rampNanos) {
            return fullWeight;
        }
        if (elapsedNanos <= 0) {
            return 0;
        }
        return (int) ((fullWeight * elapsedNanos + rampNanos - 1) / rampNanos);
    }

    /** Whether the ramp is still going on {@code elapsedNanos} after the server came up. */
    public static boolean ramping(Duration ramp, long elapsedNanos) {
        return elapsedNanos < ramp.toNanos();
    }
}
