package dev.ballast.node.cluster;

import static dev.ballast.node.balance.Fixtures.primary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ballast.cluster.replication.HybridClock;
import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.ReplicationHub;
import dev.ballast.cluster.replication.TableSettings;
import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Fixtures;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BalanceConfig.Algorithm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two members' load shared through server-load tables wired to each other in memory. */
class ClusterLoadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final ReplicationHub[] hubs = new ReplicationHub[2];
    private final ReplicatedTable tableA;
    private final ReplicatedTable tableB;
    private final BackendBalancer backendA = backend();
    private final BackendBalancer backendB = backend();
    private final AtomicReference<List<String>> viewOfB = new AtomicReference<>(List.of("a", "b"));
    private final ClusterLoad loadA;
    private final ClusterLoad loadB;

    ClusterLoadTest() {
        hubs[0] = new ReplicationHub("a", new HybridClock(now::get),
                payload -> hubs[1].receive("a", payload, 0, payload.length));
        hubs[1] = new ReplicationHub("b", new HybridClock(now::get),
                payload -> hubs[0].receive("b", payload, 0, payload.length));
        tableA = hubs[0].register(TableSettings.of(ClusterTables.SERVER_LOAD, 100));
        tableB = hubs[1].register(TableSettings.of(ClusterTables.SERVER_LOAD, 100));
        hubs[0].start();
        hubs[1].start();
        loadA = new ClusterLoad(tableA, "a", () -> List.of("a", "b"), List.of(backendA), now::get);
        loadB = new ClusterLoad(tableB, "b", viewOfB::get, List.of(backendB), now::get);
    }

    private static BackendBalancer backend() {
        return new BackendBalancer("web", Fixtures.config(Algorithm.LEASTCONN), false, 0,
                List.of(primary("s1", 1), primary("s2", 1)), System::nanoTime);
    }

    @AfterEach
    void close() {
        hubs[0].close();
        hubs[1].close();
    }

    @Test
    void eachMemberCountsTheOthersRequestsAndDropsAMemberThatLeftTheView() {
        Server s1OfA = backendA.server("s1").orElseThrow();
        for (int i = 0; i < 3; i++) {
            backendA.connectionTaken(s1OfA);
        }
        loadA.tick(now.get());
        Server s1OfB = backendB.server("s1").orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> {
            loadB.tick(now.get());
            assertThat(s1OfB.remoteInFlight()).isEqualTo(3);
        });
        assertThat(backendB.server("s2").orElseThrow().remoteInFlight()).isZero();
        assertThat(s1OfB.inFlight()).as("this node's own count is untouched").isZero();
        assertThat(s1OfA.remoteInFlight()).as("a member does not count itself").isZero();
        assertThat(backendB.pick(null, null).name()).isEqualTo("s2");

        viewOfB.set(List.of("b"));
        loadB.tick(now.get());
        assertThat(s1OfB.remoteInFlight()).as("a left b's view").isZero();
    }

    @Test
    void aChangeIsPublishedWithinAPublishIntervalAndAReportOfASilentMemberExpires() {
        Server s2OfA = backendA.server("s2").orElseThrow();
        Server s2OfB = backendB.server("s2").orElseThrow();
        loadA.tick(now.get());
        await().atMost(WAIT).until(() -> tableB.get("a") != null);
        backendA.connectionTaken(s2OfA);
        now.addAndGet(ClusterLoad.TICK_MILLIS);
        loadA.tick(now.get());
        assertThat(tableA.get("a").value()).as("not due yet").isEqualTo(tableB.get("a").value());
        now.addAndGet(ClusterLoad.PUBLISH_MILLIS);
        loadA.tick(now.get());
        await().atMost(WAIT).untilAsserted(() -> {
            loadB.tick(now.get());
            assertThat(s2OfB.remoteInFlight()).isEqualTo(1);
        });

        now.addAndGet(ClusterLoad.REPORT_TTL_MILLIS);
        loadB.tick(now.get());
        assertThat(s2OfB.remoteInFlight()).as("a stopped reporting (hung) while still in the view").isZero();
    }
}
