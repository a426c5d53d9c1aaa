package dev.ballast.cluster.election;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hitless handover: a member that still could serve (promote, preempt, rebalance, graceful stop) keeps a VIP it
 * lost until its successor has claimed it, so there is always someone answering. The successor's newer claim wins
 * every member's election meanwhile, so the brief double claim is never ambiguous. The successor learns who it takes
 * each VIP from ({@link #formerOwners}), so that it can pass on what belongs to that member's connections.
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

    /**
     * For each VIP {@code self} takes now, the member of the view that still claims it: a live former owner that
     * hands it over and keeps it a moment longer (after a crash, a pause or a partition the former owner is no
     * longer in the view, and after a merge this member already holds the VIP). Several claimants (a merge being
     * settled): the newest claim, the one clients follow.
     *
     * @param taking VIPs assigned to {@code self} that it does not hold yet
     */
    public static Map<String, String> formerOwners(Set<String> taking, ClusterSnapshot snapshot, String self) {
        Map<String, String> formerOwners = new TreeMap<>();
        for (String vip : taking) {
            snapshot.view().stream()
                    .filter(node -> !node.equals(self))
                    .map(snapshot.statuses()::get)
                    .filter(status -> status != null && status.claims(vip))
                    .min(Comparator.comparingLong((MemberStatus status) -> status.claims().get(vip)).reversed()
                            .thenComparing(snapshot.preference()))
                    .ifPresent(owner -> formerOwners.put(vip, owner.node()));
        }
        return formerOwners;
    }
}
