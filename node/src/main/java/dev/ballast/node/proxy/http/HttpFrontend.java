package dev.ballast.node.proxy.http;

import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.logging.AccessLog;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.stats.BackendTraffic;
import dev.ballast.node.stats.TrafficCounters;
import dev.ballast.node.stats.TrafficStats;

import java.util.Map;

/**
 * What every connection of one HTTP frontend shares: its configuration, routing, backends, upstream pools, and
 * where finished requests are reported (traffic statistics and the access log).
 */
public final class HttpFrontend {

    private final FrontendConfig config;
    private final RouteSelector routes;
    private final Map<String, Backend> backends;
    private final BackendConnections connections;
    private final TrafficStats traffic;
    private final TrafficCounters frontendTraffic;
    private final AccessLog accessLog;
    private final long clientHeaderNanos;
    private final long clientIdleNanos;
    private final long tunnelIdleNanos;
    private final long requestNanos;

    public HttpFrontend(FrontendConfig config, RouteSelector routes, Map<String, Backend> backends,
                        BackendConnections connections, TrafficStats traffic, AccessLog accessLog) {
        this.config = config;
        this.routes = routes;
        this.backends = Map.copyOf(backends);
        this.connections = connections;
        this.traffic = traffic;
        this.frontendTraffic = traffic.frontend(config.name());
        this.accessLog = accessLog;
        this.clientHeaderNanos = config.timeouts().clientHeader().toNanos();
        this.clientIdleNanos = config.timeouts().clientIdle().toNanos();
        this.tunnelIdleNanos = config.timeouts().tunnelIdle().toNanos();
        this.requestNanos = config.timeouts().request().toNanos();
    }

    public FrontendConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    RouteSelector routes() {
        return routes;
    }

    /** @return the backend of that name, or null */
    Backend backend(String name) {
        return backends.get(name);
    }

    /** This frontend's own counters. */
    TrafficCounters traffic() {
        return frontendTraffic;
    }

    BackendTraffic backendTraffic(String backend) {
        return traffic.backend(backend);
    }

    AccessLog accessLog() {
        return accessLog;
    }

    BackendConnections connections() {
        return connections;
    }

    long clientHeaderNanos() {
        return clientHeaderNanos;
    }

    long clientIdleNanos() {
        return clientIdleNanos;
    }

    long tunnelIdleNanos() {
        return tunnelIdleNanos;
    }

    /** Total time allowed for one request and its response; 0 = no limit. */
    long requestNanos() {
        return requestNanos;
    }
}
