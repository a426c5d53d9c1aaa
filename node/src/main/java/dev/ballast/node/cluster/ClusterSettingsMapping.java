package dev.ballast.node.cluster;

import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.QuorumPolicy;
import dev.ballast.cluster.membership.ClusterSettings;
import dev.ballast.cluster.membership.FailureDetectionProfile;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ClusterConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.VipConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Maps the node's validated {@code cluster:} and {@code vips:} configuration onto the cluster module's types. */
final class ClusterSettingsMapping {

    private ClusterSettingsMapping() {
    }

    /**
     * @param quorum the policy built by {@link #quorum}
     * @throws IllegalArgumentException for a configuration this build cannot run (e.g. dns discovery)
     */
    static ClusterSettings settings(BallastConfig config, QuorumPolicy quorum) {
        ClusterConfig cluster = config.cluster();
        if (cluster.discovery() != ClusterConfig.Discovery.STATIC) {
            throw new IllegalArgumentException("cluster.discovery " + cluster.discovery().name().toLowerCase()
                    + " is not supported by this build yet; use static with cluster.peers");
        }
        Path secret = cluster.secretFile().orElseThrow(
                () -> new IllegalArgumentException("cluster.secret-file is required when cluster.enabled is true"));
        if (config.vips().isEmpty()) {
            throw new IllegalArgumentException("vips: a cluster needs at least one VIP to move");
        }
        return new ClusterSettings(config.node().name(), cluster.name(), socketAddress(cluster.bind()),
                cluster.peers().stream().map(ClusterSettingsMapping::socketAddress).toList(), secret,
                profile(cluster.profile()), quorum, cluster.priority(), cluster.preempt(), mode(cluster.mode()),
                vipCidrs(config.vips()));
    }

    /**
     * @param tiebreakerReachable for quorum tiebreaker: the latest reachability probe of cluster.tiebreaker
     */
    static QuorumPolicy quorum(ClusterConfig cluster, BooleanSupplier tiebreakerReachable) {
        return switch (cluster.quorum()) {
            case MAJORITY -> new QuorumPolicy.Majority(cluster.peers().size());
            case TIEBREAKER -> new QuorumPolicy.Tiebreaker(cluster.tiebreaker().orElseThrow(
                    () -> new IllegalArgumentException("cluster.tiebreaker is required for quorum tiebreaker"))
                    .toString(), tiebreakerReachable);
            case NONE -> new QuorumPolicy.None();
        };
    }

    static List<String> vipCidrs(List<VipConfig> vips) {
        return vips.stream().map(VipConfig::cidr).toList();
    }

    static InetSocketAddress socketAddress(HostPort hostPort) {
        return new InetSocketAddress(hostPort.host(), hostPort.port());
    }

    private static FailureDetectionProfile profile(ClusterConfig.Profile profile) {
        return switch (profile) {
            case FAST -> FailureDetectionProfile.FAST;
            case SAFE -> FailureDetectionProfile.SAFE;
        };
    }

    private static AssignmentMode mode(ClusterConfig.Mode mode) {
        return switch (mode) {
            case ACTIVE_PASSIVE -> AssignmentMode.ACTIVE_PASSIVE;
            case ACTIVE_ACTIVE -> AssignmentMode.ACTIVE_ACTIVE;
        };
    }
}
