package dev.ballast.cluster.election;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hitless handover: a member that still could serve (promote, preempt, rebalance, graceful stop) keeps a VIP it
 * lost until its successor has claimed it, so there is always someone answering. The successor's newer claim wins
 * every member's election meanwhile, so the brief double claim is never ambiguous.
 */
public final class Handover {

    private Handover() {
    }

    /** VIPs {@code self} owns that the assignment gives to another member which does not claim them yet. */
    public static Set<String> awaitingSuccessor(Set<String> owned, Map<String, String> owners,
                                                ClusterSnapshot snapshot, String self) {
        Set<String> kept = new TreeSet<>();
        for (String vip : owned) {
            String successor = owners.get(vip);
            if (successor != null && !successor.equals(self)) {
                MemberStatus status = snapshot.statuses().get(successor);
                if (status == null || !status.claims(vip)) {
                    kept.add(vip);
                }
            }
        }
        return kept;
    }
}
