package dev.ballast.cluster.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active-active rule: each VIP is owned by exactly one eligible member, computed identically by every member.
 * <ol>
 *   <li>A VIP stays with its eligible holder (after a merge: the newest claim), so live traffic is not moved.</li>
 *   <li>VIPs without an eligible holder go to the member holding the fewest, ties broken by priority, then age.</li>
 *   <li>While one member holds two or more VIPs more than another (e.g. a node came back), the most loaded member
 *       hands its last VIP to the least loaded one.</li>
 * </ol>
 */
public final class ActiveActiveAssignment {

    private ActiveActiveAssignment() {
    }

    /** VIP to owner, in the order of {@code vips}; empty when no member is eligible. */
    public static Map<String, String> assign(ClusterSnapshot snapshot, List<String> vips) {
        List<MemberStatus> candidates = snapshot.candidates();
        Map<String, String> owners = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return owners;
        }
        for (String vip : vips) {
            candidates.stream().filter(c -> c.claims(vip)).min(snapshot.claimPreference())
                    .ifPresent(holder -> owners.put(vip, holder.node()));
        }
        for (String vip : vips) {
            if (!owners.containsKey(vip)) {
                owners.put(vip, leastLoaded(candidates, owners, snapshot).node());
            }
        }
        rebalance(candidates, owners, vips, snapshot);
        Map<String, String> ordered = new LinkedHashMap<>();
        vips.forEach(vip -> ordered.put(vip, owners.get(vip)));
        return ordered;
    }

    private static void rebalance(List<MemberStatus> candidates, Map<String, String> owners, List<String> vips,
                                  ClusterSnapshot snapshot) {
        // Each move lowers the spread; the bound only guards against a logic error looping forever.
        for (int moves = 0; moves < vips.size() * candidates.size(); moves++) {
            MemberStatus least = leastLoaded(candidates, owners, snapshot);
            MemberStatus most = candidates.stream()
                    .max(Comparator.comparingInt((MemberStatus c) -> load(c, owners))
                            .thenComparing(snapshot.preference()))
                    .orElseThrow();
            if (load(most, owners) - load(least, owners) <= 1) {
                return;
            }
            Optional<String> moved = lastVipOf(most.node(), owners, vips);
            moved.ifPresent(vip -> owners.put(vip, least.node()));
        }
    }

    private static MemberStatus leastLoaded(List<MemberStatus> candidates, Map<String, String> owners,
                                            ClusterSnapshot snapshot) {
        return candidates.stream()
                .min(Comparator.comparingInt((MemberStatus c) -> load(c, owners)).thenComparing(snapshot.preference()))
                .orElseThrow();
    }

    private static int load(MemberStatus member, Map<String, String> owners) {
        return (int) owners.values().stream().filter(member.node()::equals).count();
    }

    private static Optional<String> lastVipOf(String node, Map<String, String> owners, List<String> vips) {
        List<String> held = new ArrayList<>(vips.stream().filter(vip -> node.equals(owners.get(vip))).toList());
        return held.isEmpty() ? Optional.empty() : Optional.of(held.get(held.size() - 1));
    }
}
