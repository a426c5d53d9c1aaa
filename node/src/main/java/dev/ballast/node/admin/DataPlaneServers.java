package dev.ballast.node.admin;

import dev.ballast.node.admin.ServerActions.Force;
import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.AdminOverride;
import dev.ballast.node.health.HealthChecker;
import dev.ballast.node.health.ServerHealthSnapshot;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.runtime.NodeRuntime;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Server decisions applied to this node's run-time objects: admin state and weight in the backend's balancer,
 * forced health in its health checker. Each application is logged once with what was done.
 *
 * <p>Admin state maint also puts the server's health in maint (as a maint server from the configuration starts),
 * unless the operator forced its health; leaving maint lifts that. Forced health wins over every check until
 * cleared with {@link Force#NONE}. The outcome does not depend on the order decisions arrive in, which matters when
 * a node applies the cluster's decisions after joining.
 */
final class DataPlaneServers implements ServerDecisions {

    private static final Logger LOG = LogManager.getLogger(DataPlaneServers.class);

    private final NodeRuntime node;

    DataPlaneServers(NodeRuntime node) {
        this.node = node;
    }

    @Override
    public synchronized void setState(String backendName, String serverName, AdminState state) {
        Backend backend = requireServer(backendName, serverName);
        Optional<HealthChecker> checker = node.healthChecker(backendName);
        if (checker.isPresent()) {
            Optional<AdminOverride> override = override(checker.get(), serverName);
            if (state == AdminState.MAINT && override.isEmpty()) {
                checker.get().override(serverName, AdminOverride.MAINT);
            } else if (state != AdminState.MAINT && override.equals(Optional.of(AdminOverride.MAINT))) {
                checker.get().clearOverride(serverName);
            }
        }
        backend.setAdminState(serverName, state);
        LOG.info("Admin action: backend {} server {} admin state set to {}", backendName, serverName,
                state.name().toLowerCase());
    }

    @Override
    public synchronized void setWeight(String backendName, String serverName, int weight) {
        requireServer(backendName, serverName).setWeight(serverName, weight);
        LOG.info("Admin action: backend {} server {} weight set to {}", backendName, serverName, weight);
    }

    @Override
    public synchronized void forceHealth(String backendName, String serverName, Force force) {
        Backend backend = requireServer(backendName, serverName);
        HealthChecker checker = requireHealthChecker(backendName);
        switch (force) {
            case UP -> checker.override(serverName, AdminOverride.FORCE_UP);
            case DOWN -> checker.override(serverName, AdminOverride.FORCE_DOWN);
            case NONE -> {
                if (adminState(backend, serverName) == AdminState.MAINT) {
                    checker.override(serverName, AdminOverride.MAINT);
                } else {
                    checker.clearOverride(serverName);
                }
            }
        }
        LOG.info("Admin action: backend {} server {} health {}", backendName, serverName,
                force == Force.NONE ? "no longer forced" : "forced " + force.name().toLowerCase());
    }

    /**
     * The backend holding {@code serverName}.
     *
     * @throws NoSuchElementException when this node has no such backend or server
     */
    Backend requireServer(String backendName, String serverName) {
        Backend backend = node.backends().get(backendName);
        if (backend == null) {
            throw new NoSuchElementException("no backend named '" + backendName + "'");
        }
        if (backend.servers().stream().noneMatch(s -> s.name().equals(serverName))) {
            throw new NoSuchElementException("backend '" + backendName + "' has no server named '" + serverName + "'");
        }
        return backend;
    }

    /** @throws IllegalStateException when the backend runs no health checker (nothing to override) */
    HealthChecker requireHealthChecker(String backendName) {
        return node.healthChecker(backendName).orElseThrow(() -> new IllegalStateException(
                "backend " + backendName + " has no health checker running on this node"));
    }

    private static AdminState adminState(Backend backend, String serverName) {
        BackendBalancer balancer = BackendsReport.balancerOf(backend);
        return balancer.status(balancer.server(serverName).orElseThrow()).admin();
    }

    private static Optional<AdminOverride> override(HealthChecker checker, String serverName) {
        return checker.snapshot(serverName).flatMap(ServerHealthSnapshot::override);
    }
}
