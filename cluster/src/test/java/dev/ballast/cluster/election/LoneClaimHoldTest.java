package dev.ballast.cluster.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoneClaimHoldTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aStartingMemberAloneWaitsForTheWindowThenClaims() {
        LoneClaimHold hold = new LoneClaimHold(4_000);

        assertThat(hold.holding(10 * SECOND, 1, true)).as("founded a cluster of one").isTrue();
        assertThat(hold.remainingNanos(11 * SECOND)).isEqualTo(3 * SECOND);
        assertThat(hold.holding(13 * SECOND, 1, true)).isTrue();
        assertThat(hold.holding(14 * SECOND, 1, true)).as("alone for the whole window: alone indeed").isFalse();
        assertThat(hold.holding(20 * SECOND, 1, true)).isFalse();
    }

    @Test
    void aStartingMemberThatMeetsTheOthersLeavesItToTheElection() {
        LoneClaimHold hold = new LoneClaimHold(4_000);

        assertThat(hold.holding(0, 1, true)).isTrue();
        assertThat(hold.holding(SECOND, 2, true)).as("merged or joined").isFalse();
    }

    @Test
    void aMemberThatCouldServeWhenTheOthersLeftClaimsAtOnce() {
        LoneClaimHold hold = new LoneClaimHold(4_000);

        assertThat(hold.holding(0, 2, true)).isFalse();
        assertThat(hold.holding(SECOND, 1, true)).as("failover: the others failed").isFalse();
    }

    @Test
    void aMemberThatRegainsItsQuorumWhileAloneWaitsForTheMerge() {
        LoneClaimHold hold = new LoneClaimHold(4_000);
        hold.holding(0, 2, true);
        hold.holding(SECOND, 1, true);

        assertThat(hold.holding(2 * SECOND, 1, false)).as("tiebreaker lost: it cannot claim anyway").isFalse();
        assertThat(hold.holding(3 * SECOND, 1, true)).as("tiebreaker back, still alone").isTrue();
        assertThat(hold.holding(5 * SECOND, 2, true)).as("merged within the window").isFalse();
    }

    @Test
    void aMemberThatBecameAbleInAViewWithOthersAndThenLostThemClaimsAtOnce() {
        LoneClaimHold hold = new LoneClaimHold(4_000);
        hold.holding(0, 2, false);

        assertThat(hold.holding(SECOND, 2, true)).isFalse();
        assertThat(hold.holding(2 * SECOND, 1, true)).isFalse();
    }

    @Test
    void aMemberAloneAndUnableWhenTheOthersLeftWaitsOnceAble() {
        LoneClaimHold hold = new LoneClaimHold(4_000);
        hold.holding(0, 2, false);

        assertThat(hold.holding(SECOND, 1, false)).isFalse();
        assertThat(hold.holding(2 * SECOND, 1, true)).isTrue();
        assertThat(hold.holding(6 * SECOND, 1, true)).isFalse();
    }
}
