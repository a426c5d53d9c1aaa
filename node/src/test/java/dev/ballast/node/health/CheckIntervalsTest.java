package dev.ballast.node.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckIntervalsTest {

    private static final long MS = 1_000_000L;
    private final SplittableRandom random = new SplittableRandom(42);
    private final CheckIntervals intervals = new CheckIntervals(
            Duration.ofMillis(2000), Duration.ofMillis(500), Duration.ofMillis(5000), 0.1);

    @Test
    void intervalFollowsTheState() {
        assertSpread(() -> intervals.nextDelayNanos(HealthState.UP, false, random), 1800 * MS, 2200 * MS);
        assertSpread(() -> intervals.nextDelayNanos(HealthState.UP, true, random), 450 * MS, 550 * MS);
        assertSpread(() -> intervals.nextDelayNanos(HealthState.DOWN, true, random), 450 * MS, 550 * MS);
        assertSpread(() -> intervals.nextDelayNanos(HealthState.UNKNOWN, true, random), 450 * MS, 550 * MS);
        assertSpread(() -> intervals.nextDelayNanos(HealthState.DOWN, false, random), 4500 * MS, 5500 * MS);
    }

    @Test
    void firstCheckIsSpreadOverTheWholeInterval() {
        assertSpread(() -> intervals.firstDelayNanos(random), 0, 2000 * MS);
    }

    @Test
    void withoutJitterTheIntervalIsExact() {
        CheckIntervals exact = new CheckIntervals(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(300), 0);
        assertThat(exact.nextDelayNanos(HealthState.UP, false, random)).isEqualTo(100 * MS);
        assertThat(exact.nextDelayNanos(HealthState.DOWN, false, random)).isEqualTo(300 * MS);
    }

    @Test
    void fullJitterNeverSchedulesBelowOneMillisecond() {
        CheckIntervals wild = new CheckIntervals(Duration.ofMillis(2), Duration.ofMillis(2), Duration.ofMillis(2), 1);
        assertThat(LongStream.generate(() -> wild.nextDelayNanos(HealthState.UP, false, random)).limit(10_000).min())
                .hasValue(MS);
    }

    @Test
    void invalidSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new CheckIntervals(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new CheckIntervals(
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
                .hasMessageContaining("jitter must be between 0 and 1, got 1.5");
    }

    /** All samples lie in [low, high] and they really spread: both ends of the range are approached. */
    private static void assertSpread(LongSupplier delay, long low, long high) {
        long[] samples = LongStream.generate(delay).limit(5_000).toArray();
        long min = LongStream.of(samples).min().orElseThrow();
        long max = LongStream.of(samples).max().orElseThrow();
        assertThat(min).isGreaterThanOrEqualTo(low);
        assertThat(max).isLessThanOrEqualTo(high);
        long span = high - low;
        assertThat(min).isLessThan(low + span / 20);
        assertThat(max).isGreaterThan(high - span / 20);
    }
}
