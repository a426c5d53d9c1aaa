package dev.ballast.cluster.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class QuorumPolicyTest {

    @Test
    void majorityNeedsMoreThanHalfOfTheConfiguredMembers() {
        QuorumPolicy three = new QuorumPolicy.Majority(3);
        assertThat(three.allowsOwnership(1)).isFalse();
        assertThat(three.allowsOwnership(2)).isTrue();
        QuorumPolicy two = new QuorumPolicy.Majority(2);
        assertThat(two.allowsOwnership(1)).isFalse();
        assertThat(two.allowsOwnership(2)).isTrue();
        assertThatThrownBy(() -> new QuorumPolicy.Majority(0)).hasMessageContaining("at least 1");
    }

    @Test
    void tiebreakerFollowsTheInjectedReachability() {
        AtomicBoolean reachable = new AtomicBoolean(true);
        QuorumPolicy policy = new QuorumPolicy.Tiebreaker("10.0.0.1:53", reachable::get);
        assertThat(policy.allowsOwnership(1)).isTrue();
        reachable.set(false);
        assertThat(policy.allowsOwnership(5)).isFalse();
        assertThat(policy.describe(1)).contains("unreachable");
        assertThat(policy.sameForWholeView()).as("each member reaches the tiebreaker or not").isFalse();
        assertThat(new QuorumPolicy.Majority(3).sameForWholeView()).isTrue();
    }

    @Test
    void noneAlwaysAllows() {
        assertThat(new QuorumPolicy.None().allowsOwnership(1)).isTrue();
    }
}
