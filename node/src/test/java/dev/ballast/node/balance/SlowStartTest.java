package dev.ballast.node.balance;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void rampsLinearlyFromZeroToFullWeight() {
        long second = 1_000_000_000L;
        assertThat(SlowStart.weightAt(100, TEN_SECONDS, 0)).isZero();
        assertThat(SlowStart.weightAt(100, TEN_SECONDS, 1)).isEqualTo(1);
        assertThat(SlowStart.weightAt(100, TEN_SECONDS, 2 * second)).isEqualTo(20);
        assertThat(SlowStart.weightAt(100, TEN_SECONDS, 5 * second)).isEqualTo(50);
        assertThat(SlowStart.weightAt(100, TEN_SECONDS, 10 * second)).isEqualTo(100);
        assertThat(SlowStart.weightAt(100, TEN_SECONDS, 60 * second)).isEqualTo(100);
        assertThat(SlowStart.weightAt(7, Duration.ZERO, 0)).isEqualTo(7);
    }

    @Property(tries = 300)
    void neverExceedsTheLinearRampRoundedUpAndNeverDecreases(@ForAll @IntRange(min = 0, max = 256) int weight,
            @ForAll @LongRange(min = 0, max = 12_000_000_000L) long elapsed,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long later) {
        int now = SlowStart.weightAt(weight, TEN_SECONDS, elapsed);
        double linear = weight * Math.min(1.0, elapsed / (double) TEN_SECONDS.toNanos());

        assertThat(now).isBetween((int) Math.floor(linear), (int) Math.ceil(linear));
        assertThat(SlowStart.weightAt(weight, TEN_SECONDS, elapsed + later)).isGreaterThanOrEqualTo(now);
    }
}
