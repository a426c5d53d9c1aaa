package dev.ballast.cluster.election;

import java.util.List;
import java.util.Optional;

/**
 * The active-passive rule: exactly one primary among the eligible members of a view, computed identically by
 * every member from the same {@link ClusterSnapshot}.
 * <ol>
 *   <li>An eligible promote target wins.</li>
 *   <li>Otherwise the eligible incumbent (the member claiming the VIPs; after a merge, the newest claim) keeps
 *       the role, so a returning former primary does not take it back (no flapping)...</li>
 *   <li>...unless an eligible member with {@code preempt} has a strictly higher priority.</li>
 *   <li>Without an eligible incumbent, the highest priority wins, then the oldest member.</li>
 * </ol>
 */
public final class PrimaryElection {

    private PrimaryElection() {
    }

    public static Election elect(ClusterSnapshot snapshot) {
        List<MemberStatus> candidates = snapshot.candidates();
        if (candidates.isEmpty()) {
            return new Election(Optional.empty(), "no eligible member in view " + snapshot.view());
        }
        Optional<MemberStatus> promoted = snapshot.promoteTarget()
                .flatMap(target -> candidates.stream().filter(c -> c.node().equals(target)).findFirst());
        if (promoted.isPresent()) {
            return new Election(Optional.of(promoted.get().node()), "promoted by operator");
        }
        Optional<MemberStatus> incumbent = candidates.stream()
                .filter(MemberStatus::claimsAny)
                .min(snapshot.claimPreference());
        if (incumbent.isEmpty()) {
            MemberStatus best = candidates.stream().min(snapshot.preference()).orElseThrow();
            return new Election(Optional.of(best.node()), "no eligible incumbent; highest priority, then oldest member");
        }
        int incumbentPriority = incumbent.get().priority();
        Optional<MemberStatus> challenger = candidates.stream()
                .filter(c -> c.preempt() && c.priority() > incumbentPriority)
                .min(snapshot.preference());
        if (challenger.isPresent()) {
            return new Election(Optional.of(challenger.get().node()),
                    "preempts " + incumbent.get().node() + " with priority " + challenger.get().priority()
                            + " > " + incumbentPriority);
        }
        long claimants = candidates.stream().filter(MemberStatus::claimsAny).count();
        if (claimants == 1) {
            return new Election(Optional.of(incumbent.get().node()), "incumbent keeps the role");
        }
        long newestTerm = incumbent.get().claimTerm();
        long newest = candidates.stream().filter(c -> c.claimTerm() == newestTerm).count();
        return new Election(Optional.of(incumbent.get().node()), newest == 1
                ? "newest of " + claimants + " claims after a merge"
                : newest + " of " + claimants + " claims after a merge share the newest term " + newestTerm
                        + ": higher priority, then older member");
    }

    /**
     * A promote request is done once its target is the only claimant, or can no longer be served (it left the
     * view or is ineligible). Clearing it earlier would let a stale claim of the old primary win back the role.
     */
    public static boolean promoteSettled(ClusterSnapshot snapshot) {
        if (snapshot.promoteTarget().isEmpty()) {
            return true;
        }
        String target = snapshot.promoteTarget().get();
        List<MemberStatus> candidates = snapshot.candidates();
        boolean targetAvailable = candidates.stream().anyMatch(c -> c.node().equals(target));
        if (!targetAvailable) {
            return true;
        }
        List<String> claimants = snapshot.view().stream()
                .map(snapshot.statuses()::get)
                .filter(status -> status != null && status.claimsAny())
                .map(MemberStatus::node)
                .toList();
        return claimants.equals(List.of(target));
    }

    /** The outcome and a reason an operator can read in the log. */
    public record Election(Optional<String> primary, String reason) {
    }
}
