package dev.ballast.node.admin;

import dev.ballast.cluster.replication.TableStats;
import dev.ballast.node.cluster.NodeCluster;
import dev.ballast.node.cluster.RoleChange;
import dev.ballast.node.config.ClusterConfig;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;

/**
 * The admin API's view of a clustered node, read from its {@link NodeCluster}. Only this node's own cluster address
 * is known here (JGroups names members by node name), so other members' {@code address} is null.
 */
final class NodeClusterView implements ClusterView {

    private final NodeCluster cluster;
    private final ClusterConfig config;

    NodeClusterView(NodeCluster cluster, ClusterConfig config) {
        this.cluster = cluster;
        this.config = config;
    }

    @Override
    public ClusterStatus status() {
        dev.ballast.node.cluster.ClusterStatus status = cluster.status();
        List<Member> members = status.members().stream()
                .map(member -> new Member(member.node(), member.node().equals(status.node())
                        ? config.bind().toString() : null, member.node().equals(status.node()), member.eligible(),
                        member.role().toString(), member.vips().stream().sorted().toList()))
                .toList();
        List<Vip> vips = status.vipOwners().entrySet().stream()
                .map(vip -> new Vip(vip.getKey(), vip.getValue().isEmpty() ? null : vip.getValue().get(0)))
                .toList();
        return new ClusterStatus(true, config.name(), status.node(),
                new Quorum(config.quorum().name().toLowerCase(Locale.ROOT), status.quorumHeld()), members, vips,
                status.lastRoleChange().map(change -> failover(status, change)).orElse(null),
                cluster.replication().stream().map(NodeClusterView::table).toList());
    }

    private static ReplicatedTable table(TableStats stats) {
        return new ReplicatedTable(stats.table(), stats.entries(), stats.tombstones(), stats.pending(),
                stats.evictions(), stats.batchesSent(), stats.batchesReceived(),
                Math.round(stats.batchesPerSecond() * 10) / 10.0,
                stats.replicationLagMillis() < 0 ? null : stats.replicationLagMillis(), stats.mergeEvents(),
                stats.statesReceived());
    }

    /**
     * This node's last role change, told as the failover it was part of: to this node when it became primary
     * (the former primary is not recorded), from it to whoever holds the VIPs now when it became standby.
     */
    private static Failover failover(dev.ballast.node.cluster.ClusterStatus status, RoleChange change) {
        return switch (change.to()) {
            case PRIMARY -> new Failover(change.at(), null, status.node(), change.reason());
            case STANDBY -> new Failover(change.at(), status.node(), status.members().stream()
                    .filter(member -> !member.vips().isEmpty()).map(dev.ballast.node.cluster.ClusterStatus.Member::node).findFirst()
                    .orElse(null), change.reason());
        };
    }

    @Override
    public String role() {
        return cluster.status().role().toString();
    }

    @Override
    public void promote(String node) {
        boolean member = cluster.status().members().stream().anyMatch(m -> m.node().equals(node));
        if (!member) {
            throw new NoSuchElementException("no member named '" + node + "' in the cluster's view");
        }
        try {
            cluster.promote(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("promote of '" + node + "' was not confirmed in time: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while promoting '" + node + "'", e);
        }
    }
}
