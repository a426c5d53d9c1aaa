package dev.ballast.node.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StartupHoldTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void holdsUntilAnotherMemberIsInTheViewThenNeverAgain() {
        StartupHold hold = new StartupHold(Duration.ofSeconds(6));

        assertThat(hold.holding(0, 0)).as("no view yet").isTrue();
        assertThat(hold.holding(SECOND, 1)).as("alone").isTrue();
        assertThat(hold.holding(2 * SECOND, 2)).as("joined others").isFalse();
        assertThat(hold.holding(3 * SECOND, 1)).as("alone again later: the election decides").isFalse();
    }

    @Test
    void aNodeAloneForTheWholeHoldIsAloneIndeed() {
        StartupHold hold = new StartupHold(Duration.ofSeconds(6));

        assertThat(hold.holding(100 * SECOND, 0)).isTrue();
        assertThat(hold.holding(101 * SECOND, 1)).isTrue();
        assertThat(hold.holding(106 * SECOND, 1)).as("5 s alone").isTrue();
        assertThat(hold.holding(107 * SECOND, 1)).as("6 s alone").isFalse();
    }

    @Test
    void theHoldCountsFromTheFirstViewNotFromConstruction() {
        StartupHold hold = new StartupHold(Duration.ofSeconds(6));

        assertThat(hold.holding(0, 0)).isTrue();
        assertThat(hold.holding(10 * SECOND, 0)).as("joining took long").isTrue();
        assertThat(hold.holding(11 * SECOND, 1)).as("first view: the hold starts now").isTrue();
        assertThat(hold.holding(16 * SECOND, 1)).isTrue();
        assertThat(hold.holding(17 * SECOND, 1)).isFalse();
    }
}
