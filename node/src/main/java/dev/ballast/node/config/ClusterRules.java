package dev.ballast.node.config;

import static dev.ballast.node.config.ClusterSchema.DISCOVERY;
import static dev.ballast.node.config.ClusterSchema.DNS_QUERY;
import static dev.ballast.node.config.ClusterSchema.PEERS;
import static dev.ballast.node.config.ClusterSchema.QUORUM;
import static dev.ballast.node.config.ClusterSchema.SECRET_FILE;
import static dev.ballast.node.config.ClusterSchema.TIEBREAKER;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ballast.node.config.ClusterConfig.Discovery;
import dev.ballast.node.config.ClusterConfig.Mode;
import dev.ballast.node.config.ClusterConfig.Quorum;

/** Cluster, VIPs and DNS: what a node needs to join safely, and settings that only make sense together. */
final class ClusterRules implements ConfigRule {

    @Override
    public void check(Values root, LoadContext context, List<ConfigError> errors) {
        Values cluster = root.section(ClusterSchema.CLUSTER);
        if (cluster.find(ClusterSchema.ENABLED).orElse(false)) {
            checkEnabledCluster(root, cluster, errors);
        }
        cluster.find(QUORUM).filter(quorum -> quorum != Quorum.TIEBREAKER && cluster.isGiven(TIEBREAKER))
                .ifPresent(quorum -> errors.add(new ConfigError(cluster.path(TIEBREAKER),
                        "only applies to quorum tiebreaker (quorum is " + ValueTypes.kebab(quorum) + ")")));
        checkVips(root, errors);
        checkDns(root, cluster, errors);
    }

    private static void checkEnabledCluster(Values root, Values cluster, List<ConfigError> errors) {
        Values node = root.section(NodeSchema.NODE);
        if (!node.isGiven(NodeSchema.NAME)) {
            errors.add(new ConfigError(node.path(NodeSchema.NAME),
                    "required when cluster.enabled is true (each node of a cluster needs its own name)"));
        }
        if (!cluster.isGiven(SECRET_FILE)) {
            errors.add(new ConfigError(cluster.path(SECRET_FILE),
                    "required when cluster.enabled is true (cluster traffic is authenticated with this shared secret)"));
        }
        Optional<Discovery> discovery = cluster.find(DISCOVERY);
        if (discovery.equals(Optional.of(Discovery.STATIC)) && cluster.find(PEERS).map(List::isEmpty).orElse(false)) {
            errors.add(new ConfigError(cluster.path(PEERS), "required for discovery static (the cluster addresses of "
                    + "all nodes)"));
        }
        if (discovery.equals(Optional.of(Discovery.DNS)) && !cluster.isGiven(DNS_QUERY)) {
            errors.add(new ConfigError(cluster.path(DNS_QUERY), "required for discovery dns"));
        }
        Optional<Quorum> quorum = cluster.find(QUORUM);
        if (quorum.equals(Optional.of(Quorum.TIEBREAKER)) && !cluster.isGiven(TIEBREAKER)) {
            errors.add(new ConfigError(cluster.path(TIEBREAKER), "required for quorum tiebreaker"));
        }
        if (quorum.equals(Optional.of(Quorum.MAJORITY)) && discovery.equals(Optional.of(Discovery.STATIC))) {
            cluster.find(PEERS).filter(peers -> !peers.isEmpty() && peers.size() < 3).ifPresent(peers -> errors.add(
                    new ConfigError(cluster.path(QUORUM), "majority needs at least 3 peers (with " + peers.size()
                            + ", losing one node stops the others from holding the VIP); use tiebreaker")));
        }
    }

    private static void checkVips(Values root, List<ConfigError> errors) {
        Map<String, String> firstPathOfAddress = new HashMap<>();
        for (Values vip : root.items(ClusterSchema.VIPS)) {
            vip.find(ClusterSchema.VIP_ADDRESS).ifPresent(cidr -> {
                String first = firstPathOfAddress.putIfAbsent(cidr.address(), vip.path());
                if (first != null) {
                    errors.add(new ConfigError(vip.path(ClusterSchema.VIP_ADDRESS),
                            "duplicate VIP " + cidr.address() + " (also " + first + ")"));
                }
            });
        }
    }

    private static void checkDns(Values root, Values cluster, List<ConfigError> errors) {
        Values dns = root.section(ClusterSchema.DNS);
        if (!dns.find(ClusterSchema.DNS_ENABLED).orElse(false)) {
            return;
        }
        boolean activeActive = cluster.find(ClusterSchema.ENABLED).orElse(false)
                && cluster.find(ClusterSchema.MODE).equals(Optional.of(Mode.ACTIVE_ACTIVE));
        if (!activeActive || root.items(ClusterSchema.VIPS).isEmpty()) {
            errors.add(new ConfigError(dns.path(ClusterSchema.DNS_ENABLED), "the DNS responder answers with the live "
                    + "VIPs: it needs cluster.enabled true, cluster.mode active-active and at least one vip"));
        }
    }
}
