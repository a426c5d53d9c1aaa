package dev.ballast.node.admin;

import java.time.Instant;
import java.util.List;

/**
 * Port: the cluster as this node sees it, and the manual promotion. A node without clustering uses
 * {@link #disabled}; the node-cluster wiring provides the real one.
 */
public interface ClusterView {

    /** The cluster now: members, roles, VIP owners, quorum, last failover. */
    ClusterStatus status();

    /** This node's role: primary, standby, or standalone when it is not clustered. */
    String role();

    /**
     * Asks the cluster to hand the primary role to {@code node}; returns once the handover was requested.
     *
     * @throws NotClusteredException          when this node is not in a cluster (or is leaving it): 503
     * @throws java.util.NoSuchElementException when no member has that name: 404
     * @throws IllegalStateException          when the member cannot take the role now (not eligible): 409
     */
    void promote(String node);

    /** The view of a node that is not clustered: {@code enabled:false}, and promote refused with 503. */
    static ClusterView disabled(String nodeName) {
        ClusterStatus status = new ClusterStatus(false, null, nodeName, null, List.of(), List.of(), null);
        return new ClusterView() {
            @Override
            public ClusterStatus status() {
                return status;
            }

            @Override
            public String role() {
                return "standalone";
            }

            @Override
            public void promote(String node) {
                throw new NotClusteredException("clustering is disabled on this node (cluster.enabled is false)");
            }
        };
    }

    /** A cluster action asked of a node that is not (or no longer) in a cluster. */
    final class NotClusteredException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public NotClusteredException(String message) {
            super(message);
        }
    }

    /**
     * The contract's Cluster object; {@code name}, {@code quorum} and {@code lastFailover} may be null;
     * {@code replication} is empty when not clustered.
     */
    record ClusterStatus(boolean enabled, String name, String self, Quorum quorum, List<Member> members,
                         List<Vip> vips, Failover lastFailover, List<ReplicatedTable> replication) {

        public ClusterStatus {
            members = List.copyOf(members);
            vips = List.copyOf(vips);
            replication = List.copyOf(replication);
        }

        /** A cluster without replicated tables to report. */
        public ClusterStatus(boolean enabled, String name, String self, Quorum quorum, List<Member> members,
                             List<Vip> vips, Failover lastFailover) {
            this(enabled, name, self, quorum, members, vips, lastFailover, List.of());
        }
    }

    /**
     * One replicated table as this node holds it.
     *
     * @param pending            changes not yet handed to the cluster channel
     * @param batchesPerSecond   batches sent plus received per second, over the last 5 s
     * @param replicationLagMs   for the last batch received: from its first change on another member to its
     *                           application here; null before any
     * @param mergeEvents        partitions merged (each merge resends and merges the whole table)
     * @param statesReceived     full states received from the coordinator when joining
     */
    record ReplicatedTable(String name, int entries, int tombstones, int pending, long evictions, long batchesSent,
                           long batchesReceived, double batchesPerSecond, Long replicationLagMs, long mergeEvents,
                           long statesReceived) {
    }

    /** @param policy majority, tiebreaker or none */
    record Quorum(String policy, boolean reached) {
    }

    /** @param role primary or standby */
    record Member(String name, String address, boolean self, boolean eligible, String role, List<String> vips) {

        public Member {
            vips = List.copyOf(vips);
        }
    }

    /** @param owner the member holding the VIP, null when none does */
    record Vip(String address, String owner) {
    }

    /** @param from the former primary, null when there was none */
    record Failover(Instant at, String from, String to, String reason) {
    }
}
