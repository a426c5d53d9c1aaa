package dev.ballast.node.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of one scope, in microseconds, kept two ways: cumulative counts per fixed bucket with their sum (what a
 * Prometheus histogram exposes), and an HdrHistogram of the recent window (the last {@code windowTicks} ticks) for
 * percentiles. Recording is wait-free (a {@link Recorder} and {@link LongAdder}s); readers and the ticker share a
 * lock that recording never takes.
 */
final class LatencyTracker {

    /** Longer latencies are recorded as this (1 hour); HdrHistogram needs a bound. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 2;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final LongAdder[] buckets = new LongAdder[LatencyBuckets.count()];
    private final LongAdder sumMicros = new LongAdder();
    /** Values recorded so far; counted after the value is in the recorder, so a drain that sees it finds it. */
    private final LongAdder recorded = new LongAdder();

    // Reader side, guarded by this. Slots are packed (memory grows with the distinct values seen) and null while
    // nothing was recorded in their tick.
    private final Histogram[] window;
    private int current;
    private Histogram interval;
    private long drained;

    /** @param windowTicks how many ticks the percentiles cover */
    LatencyTracker(int windowTicks) {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
        window = new Histogram[windowTicks];
    }

    void record(long micros) {
        long value = Math.max(0, Math.min(micros, HIGHEST_MICROS));
        recorder.recordValue(value);
        buckets[LatencyBuckets.indexOf(value)].increment();
        sumMicros.add(value);
        recorded.increment();
    }

    /** Starts a new tick of the window: what was recorded in the oldest tick no longer counts. */
    synchronized void advance() {
        drain();
        current = (current + 1) % window.length;
        window[current] = null;
    }

    /** Moves what was recorded since the last call into the window's current tick. Called with the lock held. */
    private void drain() {
        long total = recorded.sum();
        if (total == drained) {
            // Nothing new: skip the interval sample, which clears a whole histogram. A node with a thousand idle
            // servers would otherwise spend several percent of a core every tick on clearing empty histograms.
            return;
        }
        drained = total;
        interval = recorder.getIntervalHistogram(interval);
        if (interval.getTotalCount() == 0) {
            return;
        }
        if (window[current] == null) {
            window[current] = new PackedHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        }
        window[current].add(interval);
    }

    synchronized LatencySnapshot snapshot() {
        drain();
        Histogram recent = new PackedHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        for (Histogram tick : window) {
            if (tick != null) {
                recent.add(tick);
            }
        }
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return new LatencySnapshot(counts, sumMicros.sum(), recent.getTotalCount(), millis(recent, 50),
                millis(recent, 95), millis(recent, 99));
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
