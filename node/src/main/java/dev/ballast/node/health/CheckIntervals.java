package dev.ballast.node.health;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next check of a server runs: {@code inter} while it is steadily up, {@code fastInter} while it is
 * changing state (or unknown), {@code downInter} while it is steadily down; each delay is spread uniformly by
 * ±{@code jitter} of itself so that checks of many servers drift apart instead of firing together.
 */
record CheckIntervals(Duration inter, Duration fastInter, Duration downInter, double jitter) {

    /** No check is scheduled sooner than this, whatever the jitter. */
    private static final long MIN_DELAY_NANOS = Duration.ofMillis(1).toNanos();

    CheckIntervals {
        requirePositive("interval", inter);
        requirePositive("fast-interval", fastInter);
        requirePositive("down-interval", downInter);
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("health-check jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** The first check's offset: anywhere in one interval, so that servers started together are spread out. */
    long firstDelayNanos(RandomGenerator random) {
        return Math.max(MIN_DELAY_NANOS, random.nextLong(inter.toNanos()));
    }

    long nextDelayNanos(HealthState activeState, boolean transitioning, RandomGenerator random) {
        Duration base = transitioning ? fastInter : activeState == HealthState.DOWN ? downInter : inter;
        double spread = jitter == 0 ? 0 : random.nextDouble(-jitter, jitter);
        return Math.max(MIN_DELAY_NANOS, Math.round(base.toNanos() * (1 + spread)));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("health-check " + name + " must be positive, got " + value);
        }
    }
}
