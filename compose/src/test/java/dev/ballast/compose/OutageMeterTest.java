package dev.ballast.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageMeterTest {

    private static final long MS = 1_000_000;

    @Test
    void noFailureMeansNoGap() {
        OutageMeter meter = new OutageMeter();
        meter.record(0, true);
        meter.record(20 * MS, true);
        assertThat(meter.longestGap()).isEqualTo(Duration.ZERO);
        assertThat(meter.failures()).isZero();
        assertThat(meter.unboundedFailures()).isFalse();
    }

    @Test
    void theGapRunsFromTheLastSuccessBeforeFailuresToTheFirstSuccessAfterThem() {
        OutageMeter meter = new OutageMeter();
        meter.record(0, true);
        meter.record(100 * MS, true);
        meter.record(120 * MS, false);
        meter.record(450 * MS, false);
        meter.record(780 * MS, true);
        meter.record(800 * MS, true);
        assertThat(meter.longestGap()).isEqualTo(Duration.ofMillis(680));
        assertThat(meter.failures()).isEqualTo(2);
        assertThat(meter.successesAfterLastFailure()).isEqualTo(2);
        assertThat(meter.unboundedFailures()).isFalse();
    }

    @Test
    void theLongestOfSeveralOutagesCounts() {
        OutageMeter meter = new OutageMeter();
        meter.record(0, true);
        meter.record(10 * MS, false);
        meter.record(50 * MS, true);
        meter.record(60 * MS, false);
        meter.record(70 * MS, false);
        meter.record(300 * MS, true);
        assertThat(meter.longestGap()).isEqualTo(Duration.ofMillis(250));
        assertThat(meter.failures()).isEqualTo(3);
    }

    @Test
    void aSlowSuccessIsNoOutage() {
        OutageMeter meter = new OutageMeter();
        meter.record(0, true);
        meter.record(2_000 * MS, true);
        assertThat(meter.longestGap()).isEqualTo(Duration.ZERO);
    }

    @Test
    void failuresAtTheEdgesAreUnboundedAndNotAGap() {
        OutageMeter meter = new OutageMeter();
        meter.record(0, false);
        meter.record(10 * MS, true);
        meter.record(20 * MS, false);
        assertThat(meter.longestGap()).isEqualTo(Duration.ZERO);
        assertThat(meter.unboundedFailures()).isTrue();
        assertThat(meter.successesAfterLastFailure()).isZero();
    }

    @Test
    void outcomesMustComeInOrder() {
        OutageMeter meter = new OutageMeter();
        meter.record(10 * MS, true);
        assertThatThrownBy(() -> meter.record(5 * MS, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
