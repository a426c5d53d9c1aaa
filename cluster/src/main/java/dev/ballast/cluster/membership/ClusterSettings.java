package dev.ballast.cluster.membership;

import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.QuorumPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link ClusterMember} needs; the node maps its configuration onto this.
 *
 * @param nodeName    unique name of this member (the election and {@code promote} use it)
 * @param clusterName members with the same cluster name and secret form one cluster
 * @param bind        address and port of this member's cluster transport (FD_SOCK2 uses port + 100)
 * @param peers       static peers for TCPPING discovery; may include this member
 * @param secretFile  file holding the shared secret (at least 16 bytes, surrounding whitespace ignored)
 * @param profile     failure-detection timings
 * @param quorum      when this member may hold VIPs at all
 * @param priority    election priority, higher wins
 * @param preempt     take the role from a lower-priority incumbent
 * @param mode        active-passive (all VIPs on the primary) or active-active (VIPs spread)
 * @param vips        the VIPs the cluster moves, identical on every member (e.g. "10.0.0.100/24")
 */
public record ClusterSettings(
        String nodeName,
        String clusterName,
        InetSocketAddress bind,
        List<InetSocketAddress> peers,
        Path secretFile,
        FailureDetectionProfile profile,
        QuorumPolicy quorum,
        int priority,
        boolean preempt,
        AssignmentMode mode,
        List<String> vips) {

    public ClusterSettings {
        peers = List.copyOf(peers);
        vips = List.copyOf(vips);
        if (nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("cluster node name must not be blank");
        }
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        if (vips.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one VIP to move");
        }
    }
}
