package dev.ballast.cluster.election;

import java.util.function.BooleanSupplier;

/** Whether this member may hold VIPs at all, so that a cut-off minority never keeps or takes them (split brain). */
public sealed interface QuorumPolicy {

    /** @param visibleMembers members in this member's current view, itself included */
    boolean allowsOwnership(int visibleMembers);

    String describe(int visibleMembers);

    /**
     * Whether every member of a view reaches the same verdict (it depends on the view alone). Such a verdict need
     * not be published in a member's status: each member applies it itself, with no stale status after a view
     * change. A per-member verdict (tiebreaker reachability) is published as part of the eligibility.
     */
    default boolean sameForWholeView() {
        return true;
    }

    /** Only while more than half of the configured members are in view. */
    record Majority(int configuredMembers) implements QuorumPolicy {

        public Majority {
            if (configuredMembers < 1) {
                throw new IllegalArgumentException("majority quorum needs at least 1 configured member, got "
                        + configuredMembers);
            }
        }

        @Override
        public boolean allowsOwnership(int visibleMembers) {
            return 2 * visibleMembers > configuredMembers;
        }

        @Override
        public String describe(int visibleMembers) {
            return "majority: " + visibleMembers + " of " + configuredMembers + " configured members in view";
        }
    }

    /** Only while the tiebreaker is reachable (the check is injected: TCP connect, ICMP...; it must be quick). */
    record Tiebreaker(String target, BooleanSupplier reachable) implements QuorumPolicy {

        @Override
        public boolean allowsOwnership(int visibleMembers) {
            return reachable.getAsBoolean();
        }

        @Override
        public boolean sameForWholeView() {
            return false;
        }

        @Override
        public String describe(int visibleMembers) {
            return "tiebreaker " + target + (reachable.getAsBoolean() ? " reachable" : " unreachable");
        }
    }

    /** Always: a partitioned cluster may end with one owner per partition. */
    record None() implements QuorumPolicy {

        @Override
        public boolean allowsOwnership(int visibleMembers) {
            return true;
        }

        @Override
        public String describe(int visibleMembers) {
            return "no quorum policy";
        }
    }
}
