package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig.Algorithm;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.ServerConfig.AdminState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ballast.node.balance.Fixtures.backup;
import static dev.ballast.node.balance.Fixtures.primary;
import static dev.ballast.node.balance.Fixtures.serverConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendBalancerTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void weightZeroAndDrainedAndMaintServersGetNoNewRequests() {
        for (Algorithm algorithm : Algorithm.values()) {
            BackendBalancer backend = backend(algorithm, false, 0,
                    primary("a", 1), primary("b", 1), primary("c", 1), primary("d", 1));
            backend.setWeight(server(backend, "a"), 0);
            backend.setAdminState(server(backend, "b"), AdminState.DRAIN);
            backend.setAdminState(server(backend, "c"), AdminState.MAINT);

            assertThat(counts(backend, 200)).as(algorithm.name()).containsOnlyKeys("d");
        }
    }

    @Test
    void downServersGetNothingAndComeBackWhenHealthy() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, false, 0, primary("a", 1), primary("b", 1));
        backend.setHealthy(server(backend, "a"), false);
        assertThat(counts(backend, 10)).containsOnlyKeys("b");

        backend.setHealthy(server(backend, "a"), true);
        assertThat(counts(backend, 10)).containsEntry("a", 5).containsEntry("b", 5);
    }

    @Test
    void backupsTakeOverWhenNoPrimaryIsUsableAndGiveBackWhenOneReturns() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, false, 0,
                primary("p1", 1), primary("p2", 1), backup("b2"), backup("b1"));
        assertThat(counts(backend, 10)).containsOnlyKeys("p1", "p2");

        backend.setHealthy(server(backend, "p1"), false);
        backend.setAdminState(server(backend, "p2"), AdminState.MAINT);
        assertThat(counts(backend, 10)).as("only the first backup by name").containsOnlyKeys("b1");
        assertThat(backend.acceptsStickyClient(server(backend, "b1"))).isTrue();

        backend.setHealthy(server(backend, "b1"), false);
        assertThat(counts(backend, 10)).containsOnlyKeys("b2");

        backend.setAdminState(server(backend, "p2"), AdminState.READY);
        assertThat(counts(backend, 10)).containsOnlyKeys("p2");
        assertThat(backend.acceptsStickyClient(server(backend, "b2"))).as("sticky clients are given back").isFalse();
    }

    @Test
    void allBackupsShareTheLoadWhenConfigured() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, true, 0, primary("p", 1), backup("b1"), backup("b2"));
        backend.setHealthy(server(backend, "p"), false);

        assertThat(counts(backend, 10)).containsEntry("b1", 5).containsEntry("b2", 5);
    }

    @Test
    void tellsAllFullFromNoneUsable() {
        BackendBalancer backend = backend(Algorithm.LEASTCONN, false, 0,
                serverConfig("a", 1, false, 1, Duration.ZERO, AdminState.READY));
        Server a = server(backend, "a");
        backend.connectionTaken(a);

        assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isNull();
        assertThat(backend.hasUsableServer()).as("full: queue").isTrue();

        backend.connectionReleased(a);
        assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isSameAs(a);

        backend.setHealthy(a, false);
        assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isNull();
        assertThat(backend.hasUsableServer()).as("none usable: 503").isFalse();
    }

    @Test
    void panicBalancesOverEveryReadyPrimaryBelowTheThreshold() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, false, 50,
                primary("a", 1), primary("b", 1), primary("c", 1), primary("d", 1));
        backend.setHealthy(server(backend, "a"), false);
        backend.setHealthy(server(backend, "b"), false);
        assertThat(counts(backend, 20)).as("2 of 4 is not below 50%").containsOnlyKeys("c", "d");

        backend.setHealthy(server(backend, "c"), false);
        assertThat(counts(backend, 20)).containsOnlyKeys("a", "b", "c", "d");

        backend.setAdminState(server(backend, "a"), AdminState.MAINT);
        assertThat(counts(backend, 30)).as("maint stays out even in panic").containsOnlyKeys("b", "c", "d");
    }

    @Test
    void slowStartRampsTheWeightOfAServerThatComesBack() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, false, 0,
                serverConfig("a", 100, false, 0, Duration.ofSeconds(10), AdminState.READY), primary("b", 100));
        Server a = server(backend, "a");
        assertThat(a.weight()).as("no slow start at start-up").isEqualTo(100);

        backend.setHealthy(a, false);
        backend.setHealthy(a, true);
        assertThat(a.weight()).as("a trickle from the start").isEqualTo(1);
        assertThat(counts(backend, 101)).containsEntry("a", 1).containsEntry("b", 100);

        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        backend.tick();
        assertThat(a.weight()).isEqualTo(30);
        assertThat(counts(backend, 130)).containsEntry("a", 30).containsEntry("b", 100);
        assertThat(backend.status(a).slowStarting()).isTrue();

        nanos.addAndGet(Duration.ofSeconds(7).toNanos());
        backend.tick();
        assertThat(a.weight()).isEqualTo(100);
        assertThat(backend.status(a).slowStarting()).isFalse();
    }

    @Test
    void aLoneServerComingBackInSlowStartServesAtOnce() {
        BackendBalancer backend = backend(Algorithm.LEASTCONN, false, 0,
                serverConfig("a", 50, false, 0, Duration.ofSeconds(30), AdminState.READY));
        Server a = server(backend, "a");
        backend.setHealthy(a, false);
        backend.setHealthy(a, true);

        assertThat(backend.pick(TestRequest.fromClient("10.0.0.1"), null)).isSameAs(a);
    }

    @Test
    void aWeightSetDuringSlowStartIsTheNewTargetOfTheRamp() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, false, 0,
                serverConfig("a", 10, false, 0, Duration.ofSeconds(10), AdminState.MAINT));
        Server a = server(backend, "a");
        backend.setAdminState(a, AdminState.READY);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        backend.setWeight(a, 200);

        assertThat(a.weight()).isEqualTo(100);
        assertThat(backend.status(a).configuredWeight()).isEqualTo(200);
    }

    @Test
    void refusesServersFromElsewhereAndBadWeights() {
        BackendBalancer backend = backend(Algorithm.ROUNDROBIN, false, 0, primary("a", 1));
        Server stranger = Fixtures.server("a", 1, 0);

        assertThatThrownBy(() -> backend.setHealthy(stranger, false)).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> backend.setWeight(server(backend, "a"), 257)).hasMessageContaining("0..256");
        assertThatThrownBy(() -> backend(Algorithm.ROUNDROBIN, false, 0, primary("a", 1), primary("a", 2)))
                .hasMessageContaining("two servers named 'a'");
    }

    private BackendBalancer backend(Algorithm algorithm, boolean allBackups, int panicThreshold,
            ServerConfig... servers) {
        return new BackendBalancer("be", Fixtures.config(algorithm), allBackups, panicThreshold, List.of(servers),
                nanos::get);
    }

    private static Server server(BackendBalancer backend, String name) {
        return backend.server(name).orElseThrow();
    }

    private static Map<String, Integer> counts(BackendBalancer backend, int picks) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < picks; i++) {
            Server picked = backend.pick(TestRequest.fromClient("10.0.0." + i % 250), null);
            counts.merge(picked == null ? "-" : picked.name(), 1, Integer::sum);
        }
        return counts;
    }
}
