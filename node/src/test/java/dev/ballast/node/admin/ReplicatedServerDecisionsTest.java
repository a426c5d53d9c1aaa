package dev.ballast.node.admin;

import dev.ballast.cluster.replication.HybridClock;
import dev.ballast.cluster.replication.ReplicationHub;
import dev.ballast.node.admin.ServerActions.Force;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ConfigLoader;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.state.ReplicatedAdminState;
import dev.ballast.node.state.ReplicatedAdminState.Attribute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes' decisions over admin-state tables wired to each other in memory, each applied to a data plane that
 * records what it was given; and a third node that joins later with a smaller configuration.
 */
class ReplicatedServerDecisionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final BallastConfig CONFIG = config();

    private final ReplicationHub hubA = hub("a", payload -> deliver("a", payload));
    private final ReplicationHub hubB = hub("b", payload -> deliver("b", payload));
    private final ReplicatedAdminState stateA = new ReplicatedAdminState(hubA.register(ReplicatedAdminState.TABLE));
    private final ReplicatedAdminState stateB = new ReplicatedAdminState(hubB.register(ReplicatedAdminState.TABLE));
    private final RecordingDataPlane planeA = new RecordingDataPlane(Set.of("s1", "s2"));
    private final RecordingDataPlane planeB = new RecordingDataPlane(Set.of("s1", "s2"));
    private ReplicationHub hubC;

    ReplicatedServerDecisionsTest() {
        hubA.start();
        hubB.start();
    }

    @AfterEach
    void close() {
        hubA.close();
        hubB.close();
        if (hubC != null) {
            hubC.close();
        }
    }

    @Test
    void aDecisionOnOneNodeAppliesThereAtOnceAndOnTheOtherSoon() {
        ReplicatedServerDecisions a = ReplicatedServerDecisions.start(stateA, planeA, () -> CONFIG);
        ReplicatedServerDecisions.start(stateB, planeB, () -> CONFIG);

        a.setState("web", "s1", AdminState.DRAIN);
        a.setWeight("web", "s2", 7);
        a.forceHealth("web", "s2", Force.DOWN);

        assertThat(planeA.applied).containsOnly(entry("s1 state", "DRAIN"), entry("s2 weight", "7"),
                entry("s2 health", "DOWN"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(planeB.applied).isEqualTo(planeA.applied));
    }

    @Test
    void clearedDecisionsGiveTheAttributeBackToTheConfiguration() {
        ReplicatedServerDecisions a = ReplicatedServerDecisions.start(stateA, planeA, () -> CONFIG);
        ReplicatedServerDecisions.start(stateB, planeB, () -> CONFIG);
        a.forceHealth("web", "s1", Force.UP);
        a.setWeight("web", "s1", 9);
        await().atMost(WAIT).until(() -> "9".equals(planeB.applied.get("s1 weight")));

        a.forceHealth("web", "s1", Force.NONE);
        stateA.clear("web", "s1", Attribute.WEIGHT);

        await().atMost(WAIT).untilAsserted(() -> assertThat(planeB.applied)
                .contains(entry("s1 health", "NONE"), entry("s1 weight", "3")));
        assertThat(stateB.all()).isEmpty();
    }

    @Test
    void aJoiningNodeAppliesTheClustersDecisionsAndSkipsServersItLacks() throws Exception {
        ReplicatedServerDecisions a = ReplicatedServerDecisions.start(stateA, planeA, () -> CONFIG);
        a.setState("web", "s1", AdminState.MAINT);
        a.setWeight("web", "s2", 4);
        ByteArrayOutputStream transferred = new ByteArrayOutputStream();
        hubA.writeState(transferred);

        hubC = hub("c", payload -> { });
        ReplicatedAdminState stateC = new ReplicatedAdminState(hubC.register(ReplicatedAdminState.TABLE));
        hubC.readState(new ByteArrayInputStream(transferred.toByteArray()));
        RecordingDataPlane planeC = new RecordingDataPlane(Set.of("s1")); // its configuration lacks s2
        ReplicatedServerDecisions.start(stateC, planeC, () -> CONFIG);

        assertThat(planeC.applied).containsOnly(entry("s1 state", "MAINT"));
    }

    @Test
    void theLastApplicationIsTheNewestDecisionWhateverOrderChangesArriveIn() {
        ReplicatedServerDecisions.start(stateB, planeB, () -> CONFIG);
        for (int weight = 1; weight <= 50; weight++) {
            stateA.setWeight("web", "s1", weight);
        }
        await().atMost(WAIT).until(() -> stateB.weight("web", "s1").orElse(0) == 50);
        await().atMost(WAIT).until(() -> "50".equals(planeB.applied.get("s1 weight")));
    }

    private static ReplicationHub hub(String name, dev.ballast.cluster.replication.BatchSender sender) {
        return new ReplicationHub(name, new HybridClock(System::currentTimeMillis), sender);
    }

    private void deliver(String from, byte[] payload) {
        (from.equals("a") ? hubB : hubA).receive(from, payload, 0, payload.length);
    }

    private static BallastConfig config() {
        try {
            return ConfigLoader.parse("""
                    node:
                      name: test
                    frontends:
                      - name: http
                        bind: "127.0.0.1:0"
                        default-backend: web
                    backends:
                      - name: web
                        servers:
                          - {name: s1, address: "127.0.0.1:1", weight: 3}
                          - {name: s2, address: "127.0.0.1:2"}
                    """, "test.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data plane of backend web with the given servers, recording the last value applied per attribute. */
    private static final class RecordingDataPlane implements ServerDecisions {

        final Map<String, String> applied = new ConcurrentHashMap<>();
        private final Set<String> servers;

        RecordingDataPlane(Set<String> servers) {
            this.servers = servers;
        }

        @Override
        public void setState(String backendName, String serverName, AdminState state) {
            applied.put(require(backendName, serverName) + " state", state.name());
        }

        @Override
        public void setWeight(String backendName, String serverName, int weight) {
            applied.put(require(backendName, serverName) + " weight", String.valueOf(weight));
        }

        @Override
        public void forceHealth(String backendName, String serverName, Force force) {
            applied.put(require(backendName, serverName) + " health", force.name());
        }

        private String require(String backendName, String serverName) {
            if (!backendName.equals("web") || !servers.contains(serverName)) {
                throw new NoSuchElementException("backend '" + backendName + "' has no server named '" + serverName
                        + "'");
            }
            return serverName;
        }
    }
}
