package dev.ballast.node.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether this node's data plane works well enough to hold a VIP, like keepalived's track_script: every frontend
 * that should listen does, and at least one backend server is usable. A node that fails it hands its VIPs over
 * and is not elected.
 *
 * @param eligible whether the node may hold VIPs
 * @param reason   what the verdict rests on, for the log
 */
record Eligibility(boolean eligible, String reason) {

    /** Usable servers of one backend (health up and admin state ready), out of all its servers. */
    record BackendServers(String backend, int usable, int total) {
    }

    /**
     * @param notListening frontends that should listen but do not (frontends on a bind-mode VIP do not count:
     *                     they listen only once the node owns the VIP)
     * @param backends     every backend with its usable server count; with no server configured at all, only the
     *                     frontends count
     */
    static Eligibility of(List<String> notListening, List<BackendServers> backends) {
        if (!notListening.isEmpty()) {
            return new Eligibility(false, "frontend(s) " + notListening + " not listening");
        }
        int total = backends.stream().mapToInt(BackendServers::total).sum();
        int usable = backends.stream().mapToInt(BackendServers::usable).sum();
        if (total > 0 && usable == 0) {
            return new Eligibility(false, "no usable server in any backend (" + describe(backends) + ")");
        }
        return new Eligibility(true, "frontends listening, " + usable + " of " + total + " server(s) usable"
                + (backends.isEmpty() ? "" : " (" + describe(backends) + ")"));
    }

    private static String describe(List<BackendServers> backends) {
        return backends.stream().map(b -> b.backend() + " " + b.usable() + "/" + b.total())
                .collect(Collectors.joining(", "));
    }
}
