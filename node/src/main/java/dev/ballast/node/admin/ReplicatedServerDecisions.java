package dev.ballast.node.admin;

import dev.ballast.node.admin.ServerActions.Force;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.health.AdminOverride;
import dev.ballast.node.state.ReplicatedAdminState;
import dev.ballast.node.state.ReplicatedAdminState.Attribute;
import dev.ballast.node.state.ReplicatedAdminState.Change;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Server decisions of a clustered node: each one is written into the cluster's {@link ReplicatedAdminState}, and
 * every node, this one included, applies to its data plane what that table holds. The decisions the cluster held
 * when this node joined are applied at {@link #start}, once the data plane exists.
 *
 * <p>Whatever thread a change arrives on, the data plane is given the decision in force at that moment, read from
 * the table under one lock, never the value the change carried: changes of one attribute made on two nodes may be
 * delivered out of order, and the last application must be the newest decision. A cleared decision gives the
 * attribute back to this node's configuration. A decision this node cannot apply (a server or health checker its
 * configuration lacks, a weight it refuses) is logged and skipped.
 */
final class ReplicatedServerDecisions implements ServerDecisions {

    private static final Logger LOG = LogManager.getLogger(ReplicatedServerDecisions.class);

    private final ReplicatedAdminState state;
    private final ServerDecisions dataPlane;
    private final Supplier<BallastConfig> config;

    private ReplicatedServerDecisions(ReplicatedAdminState state, ServerDecisions dataPlane,
                                      Supplier<BallastConfig> config) {
        this.state = state;
        this.dataPlane = dataPlane;
        this.config = config;
    }

    /**
     * Applies the decisions the cluster holds to a started data plane, then every decision another node makes.
     *
     * @param config this node's configuration in force (after reloads), for cleared decisions
     */
    static ReplicatedServerDecisions start(ReplicatedAdminState state, ServerDecisions dataPlane,
                                           Supplier<BallastConfig> config) {
        ReplicatedServerDecisions decisions = new ReplicatedServerDecisions(state, dataPlane, config);
        state.onRemoteChange(decisions::applyRemote);
        decisions.applyAll();
        return decisions;
    }

    @Override
    public synchronized void setState(String backendName, String serverName, AdminState adminState) {
        state.setAdminState(backendName, serverName, adminState);
        apply(backendName, serverName, Attribute.ADMIN_STATE);
    }

    @Override
    public synchronized void setWeight(String backendName, String serverName, int weight) {
        state.setWeight(backendName, serverName, weight);
        apply(backendName, serverName, Attribute.WEIGHT);
    }

    @Override
    public synchronized void forceHealth(String backendName, String serverName, Force force) {
        switch (force) {
            case UP -> state.forceHealth(backendName, serverName, AdminOverride.FORCE_UP);
            case DOWN -> state.forceHealth(backendName, serverName, AdminOverride.FORCE_DOWN);
            case NONE -> state.clear(backendName, serverName, Attribute.HEALTH);
        }
        apply(backendName, serverName, Attribute.HEALTH);
    }

    private synchronized void applyRemote(Change change) {
        LOG.info("Decision of node {} from the cluster: backend {} server {} {} {}", change.decidedBy(),
                change.backend(), change.server(), change.attribute().name().toLowerCase().replace('_', ' '),
                change.value().map(value -> value.toString().toLowerCase().replace('_', ' ')).orElse("cleared"));
        apply(change.backend(), change.server(), change.attribute());
    }

    private synchronized void applyAll() {
        List<Change> decisions = state.all();
        long applied = decisions.stream().filter(change -> apply(change.backend(), change.server(),
                change.attribute())).count();
        LOG.info("Applied {} of the {} operator decision(s) on servers the cluster holds", applied, decisions.size());
    }

    /** Gives the data plane the decision in force on one attribute; false (logged) when it cannot be applied. */
    private boolean apply(String backendName, String serverName, Attribute attribute) {
        try {
            switch (attribute) {
                case ADMIN_STATE -> dataPlane.setState(backendName, serverName, state.adminState(backendName,
                        serverName).orElseGet(() -> configured(backendName, serverName).state()));
                case WEIGHT -> dataPlane.setWeight(backendName, serverName, state.weight(backendName, serverName)
                        .orElseGet(() -> configured(backendName, serverName).weight()));
                case HEALTH -> dataPlane.forceHealth(backendName, serverName, state.health(backendName, serverName)
                        .map(forced -> forced == AdminOverride.FORCE_UP ? Force.UP : Force.DOWN).orElse(Force.NONE));
            }
            return true;
        } catch (NoSuchElementException | IllegalStateException | IllegalArgumentException e) {
            LOG.warn("Skipping the cluster's decision on the {} of backend {} server {} on this node: {}",
                    attribute.name().toLowerCase().replace('_', ' '), backendName, serverName, e.getMessage());
            return false;
        }
    }

    private ServerConfig configured(String backendName, String serverName) {
        return config.get().backend(backendName).flatMap(backend -> backend.server(serverName))
                .orElseThrow(() -> new NoSuchElementException("backend '" + backendName + "' has no server named '"
                        + serverName + "' in this node's configuration"));
    }
}
