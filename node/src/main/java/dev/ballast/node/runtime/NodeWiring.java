package dev.ballast.node.runtime;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.proxy.BalancerFactory;
import dev.ballast.node.proxy.http.RuleRouteSelector;

/** The production parts a node is assembled from: the backend balancers and the frontends' rule routing. */
public final class NodeWiring {

    /** Backups, admin states, slow start and panic mode around the backend's configured algorithm. */
    public static final BalancerFactory BALANCERS =
            (backend, servers) -> new BackendBalancer(backend, servers, System::nanoTime);

    private NodeWiring() {
    }

    /** A node runtime for a validated configuration, not started yet. */
    public static NodeRuntime runtime(BallastConfig config) {
        return new NodeRuntime(config, BALANCERS, RuleRouteSelector::forFrontend);
    }
}
