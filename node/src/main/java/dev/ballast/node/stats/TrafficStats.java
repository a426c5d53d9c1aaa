package dev.ballast.node.stats;

import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.ServerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's traffic statistics: counters for each configured frontend, backend and server, and the count of
 * health changes. Built once from the configuration; {@link #tick} must be called every {@link #TICK} (the node
 * runtime does) so that request rates and latency percentiles cover the last {@link #WINDOW}.
 */
public final class TrafficStats {

    public static final Duration TICK = Duration.ofSeconds(1);
    private static final int WINDOW_TICKS = 10;
    /** What request rates and latency percentiles cover. */
    public static final Duration WINDOW = TICK.multipliedBy(WINDOW_TICKS);

    private final Map<String, TrafficCounters> frontends;
    private final Map<String, BackendTraffic> backends;
    private final HealthTransitions healthTransitions = new HealthTransitions();

    private TrafficStats(Map<String, TrafficCounters> frontends, Map<String, BackendTraffic> backends) {
        this.frontends = Collections.unmodifiableMap(frontends);
        this.backends = Collections.unmodifiableMap(backends);
    }

    /** Counters for every frontend, backend and server of {@code config}, in configuration order. */
    public static TrafficStats of(BallastConfig config) {
        Map<String, TrafficCounters> frontends = new LinkedHashMap<>();
        for (FrontendConfig frontend : config.frontends()) {
            frontends.put(frontend.name(), new TrafficCounters(frontend.name(), WINDOW_TICKS));
        }
        Map<String, BackendTraffic> backends = new LinkedHashMap<>();
        for (BackendConfig backend : config.backends()) {
            List<String> servers = backend.servers().stream().map(ServerConfig::name).toList();
            backends.put(backend.name(), new BackendTraffic(backend.name(), servers, WINDOW_TICKS));
        }
        return new TrafficStats(frontends, backends);
    }

    /** @throws IllegalArgumentException when no such frontend is configured */
    public TrafficCounters frontend(String name) {
        TrafficCounters counters = frontends.get(name);
        if (counters == null) {
            throw new IllegalArgumentException("no frontend named '" + name + "' has traffic statistics");
        }
        return counters;
    }

    /** @throws IllegalArgumentException when no such backend is configured */
    public BackendTraffic backend(String name) {
        BackendTraffic traffic = backends.get(name);
        if (traffic == null) {
            throw new IllegalArgumentException("no backend named '" + name + "' has traffic statistics");
        }
        return traffic;
    }

    public Collection<BackendTraffic> backends() {
        return backends.values();
    }

    /** Each frontend's snapshot, in configuration order. */
    public List<TrafficSnapshot> frontendSnapshots() {
        List<TrafficSnapshot> snapshots = new ArrayList<>(frontends.size());
        for (TrafficCounters frontend : frontends.values()) {
            snapshots.add(frontend.snapshot());
        }
        return snapshots;
    }

    public HealthTransitions healthTransitions() {
        return healthTransitions;
    }

    /** Samples request totals for the rates and moves the latency windows on; every {@link #TICK}. */
    public void tick(long nowNanos) {
        for (TrafficCounters frontend : frontends.values()) {
            frontend.tick(nowNanos);
        }
        for (BackendTraffic backend : backends.values()) {
            backend.tick(nowNanos);
        }
    }
}
