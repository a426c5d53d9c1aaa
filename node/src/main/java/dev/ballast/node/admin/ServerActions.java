package dev.ballast.node.admin;

import dev.ballast.node.config.ServerConfig.AdminState;

import java.util.NoSuchElementException;

/**
 * The operator's server actions (admin API, configuration reload): checked against this node's configuration, then
 * handed to where decisions go ({@link ServerDecisions}): this node's data plane when it runs alone, the cluster's
 * replicated admin state (applied on every node) when it is clustered.
 *
 * <p>Every action throws {@link NoSuchElementException} when the backend or server does not exist here, and nothing
 * is decided: a decision only this node could not apply would be a surprise on the others.
 */
public final class ServerActions {

    /** The operator's health override: force up, force down, or none (back to what the checks say). */
    public enum Force { UP, DOWN, NONE }

    private final DataPlaneServers servers;
    private final ServerDecisions decisions;

    ServerActions(DataPlaneServers servers, ServerDecisions decisions) {
        this.servers = servers;
        this.decisions = decisions;
    }

    public void setState(String backendName, String serverName, AdminState state) {
        servers.requireServer(backendName, serverName);
        decisions.setState(backendName, serverName, state);
    }

    public void setWeight(String backendName, String serverName, int weight) {
        servers.requireServer(backendName, serverName);
        decisions.setWeight(backendName, serverName, weight);
    }

    /** @throws IllegalStateException when the backend runs no health checker here (nothing to override) */
    public void forceHealth(String backendName, String serverName, Force force) {
        servers.requireServer(backendName, serverName);
        servers.requireHealthChecker(backendName);
        decisions.forceHealth(backendName, serverName, force);
    }
}
