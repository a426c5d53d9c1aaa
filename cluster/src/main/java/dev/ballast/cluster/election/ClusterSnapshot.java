package dev.ballast.cluster.election;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the election looks at: the agreed view (same order on every member), the statuses received
 * so far and a pending manual promote request.
 *
 * @param view          node names in view order (oldest first); identical on all members of a view
 * @param statuses      latest status of each member; members without a status yet cannot be elected
 * @param promoteTarget node an operator asked to become primary, until the handover has settled
 */
public record ClusterSnapshot(List<String> view, Map<String, MemberStatus> statuses, Optional<String> promoteTarget) {

    public ClusterSnapshot {
        view = List.copyOf(view);
        statuses = Map.copyOf(statuses);
    }

    /** Eligible members of the view whose status is known, in view order. */
    public List<MemberStatus> candidates() {
        return view.stream()
                .map(statuses::get)
                .filter(status -> status != null && status.eligible())
                .collect(Collectors.toList());
    }

    /**
     * Members of the view whose status has not arrived yet (just joined, or after a merge). Until they are heard
     * from, the picture is incomplete: a joiner that already saw the view must not claim VIPs the incumbent holds.
     */
    public List<String> silentMembers() {
        return view.stream().filter(node -> !statuses.containsKey(node)).toList();
    }

    /** Highest priority first, then the older member (earlier in the view): the same order on every member. */
    public Comparator<MemberStatus> preference() {
        return Comparator.comparingInt(MemberStatus::priority).reversed()
                .thenComparingInt(status -> view.indexOf(status.node()));
    }

    /** Among several claimants the newest claim wins (it is the one clients follow), then {@link #preference()}. */
    public Comparator<MemberStatus> claimPreference() {
        return Comparator.comparingLong(MemberStatus::claimTerm).reversed().thenComparing(preference());
    }

    /** The highest claim term any known member holds; a new claim takes the next one. */
    public long highestTerm() {
        return statuses.values().stream().mapToLong(MemberStatus::claimTerm).max().orElse(0);
    }
}
