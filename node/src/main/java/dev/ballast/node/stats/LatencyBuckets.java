package dev.ballast.node.stats;

import java.util.concurrent.TimeUnit;

/**
 * The fixed upper bounds latencies are counted under for Prometheus histograms, from 1 ms to 10 s (Prometheus'
 * usual HTTP buckets), plus an implicit +Inf bucket.
 */
public final class LatencyBuckets {

    private static final long[] BOUNDS_MICROS = {1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
            500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000};

    private LatencyBuckets() {
    }

    /** Number of buckets, the +Inf bucket included. */
    public static int count() {
        return BOUNDS_MICROS.length + 1;
    }

    /** Upper bound of bucket {@code index} in seconds; +Inf for the last one. */
    public static double upperBoundSeconds(int index) {
        return index < BOUNDS_MICROS.length
                ? BOUNDS_MICROS[index] / (double) TimeUnit.SECONDS.toMicros(1)
                : Double.POSITIVE_INFINITY;
    }

    /** The bucket a latency falls in: the first whose upper bound is at least {@code micros}. */
    static int indexOf(long micros) {
        int low = 0;
        int high = BOUNDS_MICROS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (BOUNDS_MICROS[mid] < micros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
