package dev.ballast.node.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBucketsTest {

    @Test
    void aLatencyFallsInTheFirstBucketWhoseBoundIsAtLeastIt() {
        assertThat(LatencyBuckets.indexOf(0)).isZero();
        assertThat(LatencyBuckets.indexOf(1_000)).isZero();          // le 0.001
        assertThat(LatencyBuckets.indexOf(1_001)).isEqualTo(1);      // le 0.0025
        assertThat(LatencyBuckets.indexOf(10_000_000)).isEqualTo(12); // le 10
        assertThat(LatencyBuckets.indexOf(10_000_001)).isEqualTo(13); // +Inf
    }

    @Test
    void boundsGoFromOneMillisecondToTenSecondsThenInfinity() {
        assertThat(LatencyBuckets.count()).isEqualTo(14);
        assertThat(LatencyBuckets.upperBoundSeconds(0)).isEqualTo(0.001);
        assertThat(LatencyBuckets.upperBoundSeconds(12)).isEqualTo(10.0);
        assertThat(LatencyBuckets.upperBoundSeconds(13)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
