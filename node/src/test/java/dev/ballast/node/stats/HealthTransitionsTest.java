package dev.ballast.node.stats;

import dev.ballast.node.health.HealthState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTransitionsTest {

    @Test
    void countsChangesByServerAndTargetStateInOrder() {
        HealthTransitions transitions = new HealthTransitions();
        transitions.record("web", "web2", HealthState.DOWN);
        transitions.record("web", "web1", HealthState.DOWN);
        transitions.record("web", "web1", HealthState.UP);
        transitions.record("web", "web1", HealthState.DOWN);

        assertThat(transitions.counts()).containsExactly(
                new HealthTransitions.Count("web", "web1", HealthState.UP, 1),
                new HealthTransitions.Count("web", "web1", HealthState.DOWN, 2),
                new HealthTransitions.Count("web", "web2", HealthState.DOWN, 1));
    }
}
