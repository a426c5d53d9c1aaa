package dev.ballast.node.cluster;

import dev.ballast.cluster.election.ClusterSnapshot;
import dev.ballast.cluster.election.MemberStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read-only picture of the cluster as this node sees it, for the admin API and logs.
 *
 * @param node           this node's name
 * @param role           this node's role
 * @param ownedVips      the VIPs this node owns
 * @param members        every member of the current view, oldest first
 * @param vipOwners      each configured VIP with the members claiming it (normally one; none while nobody holds
 *                       it; two only briefly, during a handover or before a merge settles)
 * @param quorumHeld     whether the quorum policy lets this node hold VIPs now
 * @param quorum         the quorum policy's verdict in words
 * @param eligibility    whether this node's data plane may hold VIPs, and why
 * @param lastRoleChange the last change of this node's VIPs, with the election's reason
 */
public record ClusterStatus(String node, Role role, Set<String> ownedVips, List<Member> members,
                            Map<String, List<String>> vipOwners, boolean quorumHeld, String quorum,
                            Eligibility eligibility, Optional<RoleChange> lastRoleChange) {

    public ClusterStatus {
        ownedVips = Set.copyOf(ownedVips);
        members = List.copyOf(members);
        vipOwners = Map.copyOf(vipOwners);
    }

    /**
     * One member of the view.
     *
     * @param node     its name
     * @param known    whether its status has arrived (a joiner's takes a moment)
     * @param eligible whether it may be elected (data plane works, tiebreaker reachable)
     * @param priority its election priority
     * @param vips     the VIPs it claims
     */
    public record Member(String node, boolean known, boolean eligible, int priority, Set<String> vips) {

        public Member {
            vips = Set.copyOf(vips);
        }

        public Role role() {
            return Role.of(vips);
        }
    }

    static List<Member> members(ClusterSnapshot snapshot) {
        List<Member> members = new ArrayList<>();
        for (String node : snapshot.view()) {
            MemberStatus status = snapshot.statuses().get(node);
            members.add(status == null
                    ? new Member(node, false, false, 0, Set.of())
                    : new Member(node, true, status.eligible(), status.priority(), status.claims().keySet()));
        }
        return members;
    }

    static Map<String, List<String>> vipOwners(List<String> configuredVips, List<Member> members) {
        Map<String, List<String>> owners = new TreeMap<>();
        for (String vip : configuredVips) {
            owners.put(vip, members.stream().filter(m -> m.vips().contains(vip)).map(Member::node).toList());
        }
        return owners;
    }
}
