package dev.ballast.cluster.election;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a member tells the others about itself; every member runs the election over the same statuses.
 *
 * @param node     unique node name
 * @param eligible whether its data plane works (frontends listening, at least one usable backend server)
 *                 and, under the tiebreaker policy, it reaches the tiebreaker
 * @param priority higher wins a fresh election and, with preempt, takes the role back
 * @param preempt  whether this member takes the role from a lower-priority incumbent
 * @param claims   the VIPs it currently holds, each with the term of its claim (a newer claim wins after a merge)
 */
public record MemberStatus(String node, boolean eligible, int priority, boolean preempt, Map<String, Long> claims) {

    public MemberStatus {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        claims = Map.copyOf(claims);
    }

    public static MemberStatus fresh(String node, boolean eligible, int priority, boolean preempt) {
        return new MemberStatus(node, eligible, priority, preempt, Map.of());
    }

    public boolean claimsAny() {
        return !claims.isEmpty();
    }

    public boolean claims(String vip) {
        return claims.containsKey(vip);
    }

    /** The newest term among its claims, 0 when it claims nothing. */
    public long claimTerm() {
        return claims.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public MemberStatus withEligible(boolean newEligible) {
        return new MemberStatus(node, newEligible, priority, preempt, claims);
    }

    public MemberStatus withClaims(Map<String, Long> newClaims) {
        return new MemberStatus(node, eligible, priority, preempt, newClaims);
    }

    @Override
    public String toString() {
        return node + (eligible ? "" : "(ineligible)") + " prio " + priority + (preempt ? " preempt" : "")
                + " claims " + new TreeMap<>(claims);
    }
}
