package dev.ballast.node.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RateWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void isZeroUntilTwoSamplesExist() {
        RateWindow rate = new RateWindow(3);
        assertThat(rate.perSecond()).isZero();
        rate.sample(0, 100);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void isTheGrowthPerSecondBetweenTheOldestAndNewestSample() {
        RateWindow rate = new RateWindow(3);
        rate.sample(0, 0);
        rate.sample(SECOND, 10);
        assertThat(rate.perSecond()).isCloseTo(10, within(1e-9));
        rate.sample(2 * SECOND, 30);
        assertThat(rate.perSecond()).isCloseTo(15, within(1e-9));
    }

    @Test
    void forgetsSamplesOlderThanTheWindow() {
        RateWindow rate = new RateWindow(3);
        rate.sample(0, 0);
        rate.sample(SECOND, 1000);
        rate.sample(2 * SECOND, 1000);
        rate.sample(3 * SECOND, 1004); // the burst of the first second has left the window
        assertThat(rate.perSecond()).isCloseTo(2, within(1e-9));
    }

    @Test
    void needsTwoSamples() {
        assertThatThrownBy(() -> new RateWindow(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 samples");
    }
}
