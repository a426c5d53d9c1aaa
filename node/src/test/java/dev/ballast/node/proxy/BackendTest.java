package dev.ballast.node.proxy;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Balancer;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.health.FailureKind;
import dev.ballast.node.health.PassiveHealth;
import dev.ballast.node.testing.TestConfigs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendTest {

    /** Records which hooks the backend calls. */
    private static final class RecordingBalancer implements Balancer {
        final List<String> calls = new ArrayList<>();
        final List<Server> given;

        RecordingBalancer(List<Server> given) {
            this.given = given;
        }

        @Override
        public Server pick(RequestContext request, Server avoid) {
            return null;
        }

        @Override
        public void serverUp(Server server) {
            calls.add("up " + server.name());
        }

        @Override
        public void serverDown(Server server) {
            calls.add("down " + server.name());
        }

        @Override
        public void weightChanged(Server server) {
        }

        @Override
        public void connectionTaken(Server server) {
        }

        @Override
        public void connectionReleased(Server server) {
        }
    }

    @Test
    void buildsOneServerPerConfiguredServerAndTakesDrainAndMaintOutOfRotation() {
        ServerConfig maint = new ServerConfig("m", TestConfigs.server("m", 1, 0).address(), 3, true, 7, Duration.ZERO,
                ServerConfig.AdminState.MAINT, Optional.empty());
        List<RecordingBalancer> made = new ArrayList<>();
        Backend backend = Backend.create(TestConfigs.backend("app", TestConfigs.defaultBackendTimeouts(), 1,
                List.of(TestConfigs.server("a", 1001, 0), maint)), (config, servers) -> {
            RecordingBalancer balancer = new RecordingBalancer(servers);
            made.add(balancer);
            return balancer;
        });
        assertThat(made).hasSize(1);
        assertThat(made.get(0).given).extracting(Server::name).containsExactly("a", "m");
        Server m = backend.servers().get(1);
        assertThat(m.backup()).isTrue();
        assertThat(m.weight()).isEqualTo(3);
        assertThat(m.maxconn()).isEqualTo(7);
        assertThat(m.toString()).isEqualTo("app/m");
        assertThat(made.get(0).calls).containsExactly("down m");
        assertThat(backend.isUsable(m)).isFalse();
    }

    @Test
    void callsHooksOnlyOnRealChanges() {
        List<RecordingBalancer> made = new ArrayList<>();
        Backend backend = Backend.create(TestConfigs.backend("app", TestConfigs.defaultBackendTimeouts(), 1,
                List.of(TestConfigs.server("a", 1001, 0))), (config, servers) -> {
            RecordingBalancer balancer = new RecordingBalancer(servers);
            made.add(balancer);
            return balancer;
        });
        Server a = backend.servers().get(0);
        backend.markUp(a);
        backend.markDown(a);
        backend.markDown(a);
        backend.markUp(a);
        assertThat(made.get(0).calls).containsExactly("down a", "up a");
    }

    @Test
    void refusesAServerOfAnotherBackend() {
        Backend one = Backend.create(TestConfigs.backend("one", TestConfigs.defaultBackendTimeouts(), 0,
                List.of(TestConfigs.server("a", 1001, 0))), (c, s) -> new RecordingBalancer(s));
        Backend two = Backend.create(TestConfigs.backend("two", TestConfigs.defaultBackendTimeouts(), 0,
                List.of(TestConfigs.server("a", 1001, 0))), (c, s) -> new RecordingBalancer(s));
        assertThatThrownBy(() -> one.markDown(two.servers().get(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two/a is not a server of backend one");
    }

    @Test
    void changesWeightAndAdminStateByServerNameThroughTheProductionBalancer() {
        Backend backend = Backend.create(TestConfigs.backend("app", TestConfigs.defaultBackendTimeouts(), 0,
                List.of(TestConfigs.server("a", 1001, 0), TestConfigs.server("b", 1002, 0))),
                (config, servers) -> new BackendBalancer(config, servers, System::nanoTime));
        BackendBalancer balancer = (BackendBalancer) backend.balancer();

        backend.setWeight("a", 7);
        backend.setAdminState("b", ServerConfig.AdminState.DRAIN);

        assertThat(balancer.statuses().get("a").configuredWeight()).isEqualTo(7);
        assertThat(balancer.statuses().get("b").admin()).isEqualTo(ServerConfig.AdminState.DRAIN);
        assertThatThrownBy(() -> backend.setWeight("zz", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("backend app has no server named 'zz'");
    }

    @Test
    void refusesRunTimeChangesWithoutTheProductionBalancer() {
        Backend backend = Backend.create(TestConfigs.backend("app", TestConfigs.defaultBackendTimeouts(), 0,
                List.of(TestConfigs.server("a", 1001, 0))), (c, s) -> new RecordingBalancer(s));

        assertThatThrownBy(() -> backend.setAdminState("a", ServerConfig.AdminState.MAINT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("run-time admin states need a BackendBalancer");
    }

    @Test
    void reportsOutcomesToTheOneTrackerItWasGiven() {
        Backend backend = Backend.create(TestConfigs.backend("app", TestConfigs.defaultBackendTimeouts(), 0,
                List.of(TestConfigs.server("a", 1001, 0))), (c, s) -> new RecordingBalancer(s));
        Server a = backend.servers().get(0);
        backend.passiveHealth().recordFailure(a, FailureKind.RESET); // no tracker yet: goes nowhere

        List<String> outcomes = new ArrayList<>();
        PassiveHealth tracker = new PassiveHealth() {
            @Override
            public void recordSuccess(Server server) {
                outcomes.add("success " + server.name());
            }

            @Override
            public void recordFailure(Server server, FailureKind kind) {
                outcomes.add(kind.description() + " " + server.name());
            }
        };
        backend.reportOutcomesTo(tracker);
        backend.passiveHealth().recordFailure(a, FailureKind.CONNECT_REFUSED);
        backend.passiveHealth().recordSuccess(a);

        assertThat(outcomes).containsExactly("connect refused a", "success a");
        assertThatThrownBy(() -> backend.reportOutcomesTo(tracker))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("backend app already reports");
    }
}
