package dev.ballast.cluster.election;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How a member's claims follow the VIPs assigned to it. */
public final class Claims {

    private Claims() {
    }

    /**
     * Keeps the term of VIPs it already holds, drops released ones and claims new ones with a term above every
     * term known in the cluster, so after a partition heals the latest takeover wins.
     */
    public static Map<String, Long> next(Map<String, Long> current, Set<String> assigned, long highestKnownTerm) {
        Map<String, Long> next = new TreeMap<>();
        long newTerm = highestKnownTerm + 1;
        for (String vip : assigned) {
            next.put(vip, current.getOrDefault(vip, newTerm));
        }
        return next;
    }
}
