package dev.ballast.node.admin;

import dev.ballast.node.admin.ServerActions.Force;
import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.AdminOverride;
import dev.ballast.node.health.ServerHealthSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin state and forced health applied to a running node in either order end the same: a node that applies the
 * cluster's decisions after joining applies them in no particular order.
 */
class DataPlaneServersIT {

    @TempDir
    Path folder;

    private AdminNode node;
    private DataPlaneServers servers;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void maintenanceAndForcedHealthCommuteAndClearingEitherLeavesTheOther() throws Exception {
        start();
        servers.setState("app", "a", AdminState.MAINT);
        servers.forceHealth("app", "a", Force.UP);
        servers.forceHealth("app", "b", Force.UP);
        servers.setState("app", "b", AdminState.MAINT);

        for (String server : new String[] {"a", "b"}) {
            assertThat(adminState(server)).isEqualTo(AdminState.MAINT);
            assertThat(override(server)).contains(AdminOverride.FORCE_UP);
        }

        servers.forceHealth("app", "a", Force.NONE);
        servers.setState("app", "b", AdminState.READY);
        assertThat(override("a")).as("a, still in maint, no longer forced").contains(AdminOverride.MAINT);
        assertThat(override("b")).as("b, forced, out of maint").contains(AdminOverride.FORCE_UP);

        servers.setState("app", "a", AdminState.READY);
        servers.forceHealth("app", "b", Force.NONE);
        assertThat(override("a")).isEmpty();
        assertThat(override("b")).isEmpty();
    }

    private void start() throws Exception {
        node = new AdminNode(folder, "token-file: token", AdminNode.threeServers(""),
                AdminWiring.Ports.nothingWired("admin-test"));
        servers = new DataPlaneServers(node.node);
    }

    private AdminState adminState(String server) {
        BackendBalancer balancer = BackendsReport.balancerOf(node.node.backends().get("app"));
        return balancer.status(balancer.server(server).orElseThrow()).admin();
    }

    private Optional<AdminOverride> override(String server) {
        return node.node.healthChecker("app").orElseThrow().snapshot(server)
                .flatMap(ServerHealthSnapshot::override);
    }
}
