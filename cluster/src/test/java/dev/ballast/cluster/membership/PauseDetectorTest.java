package dev.ballast.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PauseDetectorTest {

    private static final long MS = 1_000_000;

    @Test
    void reportsOnlyGapsAboveTheThreshold() {
        PauseDetector detector = new PauseDetector(350, 0);
        assertThat(detector.tick(50 * MS)).isZero();
        assertThat(detector.tick(400 * MS)).isZero();
        assertThat(detector.tick(1_400 * MS)).isEqualTo(1_000);
        assertThat(detector.tick(1_450 * MS)).isZero();
    }
}
