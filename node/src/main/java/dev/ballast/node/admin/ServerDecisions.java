package dev.ballast.node.admin;

import dev.ballast.node.admin.ServerActions.Force;
import dev.ballast.node.config.ServerConfig.AdminState;

import java.util.NoSuchElementException;

/**
 * Where the operator's decisions on servers go: straight into this node's data plane ({@link DataPlaneServers}), or
 * into the cluster's replicated admin state, from which every node applies them ({@link ReplicatedServerDecisions}).
 * Callers check first that the backend and server exist here ({@link DataPlaneServers#requireServer}).
 */
interface ServerDecisions {

    /** @throws NoSuchElementException when this node has no such backend or server */
    void setState(String backendName, String serverName, AdminState state);

    /** @throws NoSuchElementException when this node has no such backend or server */
    void setWeight(String backendName, String serverName, int weight);

    /**
     * @throws NoSuchElementException when this node has no such backend or server
     * @throws IllegalStateException  when this node runs no health checker for the backend (nothing to override)
     */
    void forceHealth(String backendName, String serverName, Force force);
}
