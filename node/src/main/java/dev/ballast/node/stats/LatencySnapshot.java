package dev.ballast.node.stats;

import java.util.Arrays;

/**
 * Latencies of one scope at one moment.
 *
 * @param bucketCounts  cumulative count of latencies in each {@link LatencyBuckets} bucket (not summed across
 *                      buckets; the last one is +Inf)
 * @param sumMicros     cumulative sum of every latency recorded, in microseconds
 * @param recentCount   how many latencies the percentiles are computed from (the recent window)
 * @param p50Ms         median of the recent window, in milliseconds (0 when it is empty)
 * @param p95Ms         95th percentile of the recent window
 * @param p99Ms         99th percentile of the recent window
 */
public record LatencySnapshot(long[] bucketCounts, long sumMicros, long recentCount, double p50Ms, double p95Ms,
                              double p99Ms) {

    public LatencySnapshot {
        bucketCounts = bucketCounts.clone();
    }

    @Override
    public long[] bucketCounts() {
        return bucketCounts.clone();
    }

    /** Every latency ever recorded. */
    public long count() {
        return Arrays.stream(bucketCounts).sum();
    }

    public double sumSeconds() {
        return sumMicros / 1e6;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencySnapshot that && Arrays.equals(bucketCounts, that.bucketCounts)
                && sumMicros == that.sumMicros && recentCount == that.recentCount && p50Ms == that.p50Ms
                && p95Ms == that.p95Ms && p99Ms == that.p99Ms;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bucketCounts) + Long.hashCode(sumMicros);
    }

    @Override
    public String toString() {
        return "LatencySnapshot[buckets=" + Arrays.toString(bucketCounts) + ", sumMicros=" + sumMicros
                + ", recentCount=" + recentCount + ", p50=" + p50Ms + ", p95=" + p95Ms + ", p99=" + p99Ms + "]";
    }
}
