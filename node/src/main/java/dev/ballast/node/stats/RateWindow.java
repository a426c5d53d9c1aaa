package dev.ballast.node.stats;

/**
 * A recent rate of a growing total: samples of it are taken on a steady tick, and the rate is the growth between
 * the newest sample and the oldest one still inside the window. Not thread-safe: its owner serializes calls.
 */
final class RateWindow {

    private final long[] totals;
    private final long[] atNanos;
    private int newest = -1;
    private int size;

    /** @param samples how many samples are kept: the window spans {@code samples - 1} ticks */
    RateWindow(int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("a rate needs at least 2 samples, got " + samples);
        }
        totals = new long[samples];
        atNanos = new long[samples];
    }

    void sample(long nowNanos, long total) {
        newest = (newest + 1) % totals.length;
        totals[newest] = total;
        atNanos[newest] = nowNanos;
        size = Math.min(size + 1, totals.length);
    }

    /** Growth per second over the window; 0 until two samples exist. */
    double perSecond() {
        if (size < 2) {
            return 0;
        }
        int oldest = (newest - size + 1 + totals.length) % totals.length;
        long elapsed = atNanos[newest] - atNanos[oldest];
        if (elapsed <= 0) {
            return 0;
        }
        return (totals[newest] - totals[oldest]) * 1e9 / elapsed;
    }
}
