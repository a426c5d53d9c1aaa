package dev.ballast.node.testing;

import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.proxy.http.RouteSelector;
import dev.ballast.node.runtime.NodeRuntime;

import java.time.Duration;
import java.util.List;

import static dev.ballast.node.testing.TestConfigs.backend;
import static dev.ballast.node.testing.TestConfigs.defaultBackendTimeouts;
import static dev.ballast.node.testing.TestConfigs.defaultFrontendTimeouts;
import static dev.ballast.node.testing.TestConfigs.frontend;
import static dev.ballast.node.testing.TestConfigs.node;
import static dev.ballast.node.testing.TestConfigs.server;

/** A node runtime started for one test, with the round-robin test balancer and default-backend routing. */
public final class ProxyHarness implements AutoCloseable {

    private final NodeRuntime runtime;

    public ProxyHarness(BallastConfig config) {
        runtime = new NodeRuntime(config, (backend, servers) -> new RoundRobinTestBalancer(servers),
                RouteSelector::defaultBackendOf);
        runtime.start();
    }

    /**
     * One event loop, frontend {@code web} on a free port in front of backend {@code app} with the one server
     * {@code s} on 127.0.0.1:{@code serverPort}; a graceful stop may take 10 s.
     */
    public static ProxyHarness inFrontOf(int serverPort) {
        return new ProxyHarness(node(1, Duration.ofSeconds(10),
                List.of(frontend("web", 0, "app", defaultFrontendTimeouts())),
                List.of(backend("app", defaultBackendTimeouts(), 0, List.of(server("s", serverPort, 0))))));
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
