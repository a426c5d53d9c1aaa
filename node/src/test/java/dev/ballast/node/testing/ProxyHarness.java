package dev.ballast.node.testing;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.proxy.http.RouteSelector;
import dev.ballast.node.runtime.NodeRuntime;

import java.time.Duration;

/** A node runtime started for one test, with the round-robin test balancer and default-backend routing. */
public final class ProxyHarness implements AutoCloseable {

    private final NodeRuntime runtime;

    public ProxyHarness(BallastConfig config) {
        runtime = new NodeRuntime(config, (backend, servers) -> new RoundRobinTestBalancer(servers),
                RouteSelector::defaultBackendOf);
        runtime.start();
    }

    public int port(String frontend) {
        return runtime.listenAddress(frontend).getPort();
    }

    public NodeRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.stop(Duration.ZERO);
    }
}
