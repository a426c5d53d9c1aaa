package dev.ballast.cluster.membership;

/**
 * Notices that this process was frozen (SIGSTOP, a long GC pause, a suspended VM) for longer than the others need
 * to exclude it: a regular tick that arrives much later than scheduled. Such a member must assume it was replaced
 * and step back instead of answering on the VIP next to the new owner until the partitions merge.
 */
final class PauseDetector {

    private final long thresholdNanos;
    private long lastTickNanos;

    /** @param thresholdMillis a gap between ticks above this counts as a pause */
    PauseDetector(long thresholdMillis, long nowNanos) {
        this.thresholdNanos = thresholdMillis * 1_000_000;
        this.lastTickNanos = nowNanos;
    }

    /** Records a tick; returns the length of the pause in milliseconds if the gap since the last one was one, else 0. */
    long tick(long nowNanos) {
        long gap = nowNanos - lastTickNanos;
        lastTickNanos = nowNanos;
        return gap > thresholdNanos ? gap / 1_000_000 : 0;
    }
}
