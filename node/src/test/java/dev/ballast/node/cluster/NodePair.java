package dev.ballast.node.cluster;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Two node processes that formed one cluster, told apart by role. */
record NodePair(NodeProcess primary, NodeProcess standby) {

    /** Once both nodes see each other and exactly one of them is primary (for a second, so not mid-election). */
    static NodePair awaitOnePrimary(NodeProcess a, NodeProcess b, Duration startup) {
        a.awaitLogged(startup, "(2) [");
        b.awaitLogged(startup, "(2) [");
        await("exactly one primary").atMost(startup).during(Duration.ofSeconds(1))
                .until(() -> a.isPrimary() != b.isPrimary());
        return a.isPrimary() ? new NodePair(a, b) : new NodePair(b, a);
    }
}
