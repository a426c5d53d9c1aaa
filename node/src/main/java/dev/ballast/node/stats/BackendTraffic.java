package dev.ballast.node.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counters of one backend and of each of its servers. */
public final class BackendTraffic {

    private final TrafficCounters backend;
    private final Map<String, TrafficCounters> servers;

    BackendTraffic(String name, List<String> serverNames, int windowTicks) {
        this.backend = new TrafficCounters(name, windowTicks);
        Map<String, TrafficCounters> byName = new LinkedHashMap<>();
        for (String server : serverNames) {
            byName.put(server, new TrafficCounters(server, windowTicks));
        }
        this.servers = Collections.unmodifiableMap(byName);
    }

    public String name() {
        return backend.name();
    }

    /** The backend as a whole: every request routed to it, whichever server answered (or none). */
    public TrafficCounters counters() {
        return backend;
    }

    /** @throws IllegalArgumentException when the backend has no such server */
    public TrafficCounters server(String name) {
        TrafficCounters counters = servers.get(name);
        if (counters == null) {
            throw new IllegalArgumentException("backend " + name() + " has no server named '" + name + "'");
        }
        return counters;
    }

    public TrafficSnapshot snapshot() {
        return backend.snapshot();
    }

    /** Each server's snapshot, in configuration order. */
    public List<TrafficSnapshot> serverSnapshots() {
        List<TrafficSnapshot> snapshots = new ArrayList<>(servers.size());
        for (TrafficCounters server : servers.values()) {
            snapshots.add(server.snapshot());
        }
        return snapshots;
    }

    void tick(long nowNanos) {
        backend.tick(nowNanos);
        for (TrafficCounters server : servers.values()) {
            server.tick(nowNanos);
        }
    }
}
