package dev.ballast.node.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.cluster.replication.HybridClock;
import dev.ballast.cluster.replication.ReplicationHub;
import dev.ballast.cluster.replication.TableSettings;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.AdminOverride;
import dev.ballast.node.state.ReplicatedAdminState.Attribute;
import dev.ballast.node.state.ReplicatedAdminState.Change;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes' admin state over tables wired to each other in memory, and a restarted third one. */
class ReplicatedAdminStateTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ReplicationHub[] hubs = new ReplicationHub[2];
    private final ReplicatedAdminState a;
    private final ReplicatedAdminState b;
    private final List<Change> seenByB = new CopyOnWriteArrayList<>();

    ReplicatedAdminStateTest() {
        hubs[0] = new ReplicationHub("a", new HybridClock(System::currentTimeMillis),
                payload -> hubs[1].receive("a", payload, 0, payload.length));
        hubs[1] = new ReplicationHub("b", new HybridClock(System::currentTimeMillis),
                payload -> hubs[0].receive("b", payload, 0, payload.length));
        a = new ReplicatedAdminState(hubs[0].register(TableSettings.of("admin-state", 1_000)));
        b = new ReplicatedAdminState(hubs[1].register(TableSettings.of("admin-state", 1_000)));
        b.onRemoteChange(seenByB::add);
        hubs[0].start();
        hubs[1].start();
    }

    @AfterEach
    void close() {
        hubs[0].close();
        hubs[1].close();
    }

    @Test
    void aDecisionOnOneNodeAppliesOnTheOtherAndItsListenerHearsOfIt() {
        a.setAdminState("web", "s1", AdminState.DRAIN);
        a.setWeight("web", "s2", 30);
        a.forceHealth("web", "s3", AdminOverride.FORCE_DOWN);

        await().atMost(WAIT).until(() -> seenByB.size() == 3);
        assertThat(b.adminState("web", "s1")).contains(AdminState.DRAIN);
        assertThat(b.weight("web", "s2")).contains(30);
        assertThat(b.health("web", "s3")).contains(AdminOverride.FORCE_DOWN);
        assertThat(seenByB).contains(
                new Change("web", "s1", Attribute.ADMIN_STATE, Optional.of(AdminState.DRAIN), "a"));
    }

    @Test
    void clearingReturnsToTheConfigurationEverywhere() {
        a.setAdminState("web", "s1", AdminState.MAINT);
        await().atMost(WAIT).until(() -> b.adminState("web", "s1").isPresent());
        assertThat(b.clear("web", "s1", Attribute.ADMIN_STATE)).isTrue();
        await().atMost(WAIT).until(() -> a.adminState("web", "s1").isEmpty());
        assertThat(a.all()).isEmpty();
    }

    @Test
    void attributesOfOneServerSetOnDifferentNodesBothStand() {
        a.setAdminState("web", "s1", AdminState.DRAIN);
        b.setWeight("web", "s1", 5);
        await().atMost(WAIT).until(() -> a.weight("web", "s1").isPresent() && b.adminState("web", "s1").isPresent());
        assertThat(a.all()).containsExactlyInAnyOrderElementsOf(b.all()).hasSize(2);
    }

    @Test
    void aRestartedNodeTakesTheClustersDecisionsOnJoin() throws Exception {
        a.setAdminState("web", "s1", AdminState.DRAIN);
        a.forceHealth("api", "s9", AdminOverride.FORCE_UP);
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        hubs[0].writeState(state);

        ReplicationHub restarted = new ReplicationHub("c", new HybridClock(System::currentTimeMillis), payload -> { });
        ReplicatedAdminState c = new ReplicatedAdminState(restarted.register(TableSettings.of("admin-state", 1_000)));
        List<Change> applied = new CopyOnWriteArrayList<>();
        c.onRemoteChange(applied::add);
        restarted.readState(new ByteArrayInputStream(state.toByteArray()));
        try {
            assertThat(c.all()).containsExactlyInAnyOrder(
                    new Change("web", "s1", Attribute.ADMIN_STATE, Optional.of(AdminState.DRAIN), "a"),
                    new Change("api", "s9", Attribute.HEALTH, Optional.of(AdminOverride.FORCE_UP), "a"));
            assertThat(applied).hasSize(2);
        } finally {
            restarted.close();
        }
    }
}
