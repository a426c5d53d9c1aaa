package dev.ballast.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * @param enabled    whether this node joins a cluster at all
 * @param name       cluster name; only nodes with the same name (and secret) form a cluster
 * @param bind       address and port of this node's cluster transport
 * @param peers      static peers (TCPPING), this node may be among them
 * @param discovery  static (TCPPING) or dns (DNS_PING on dnsQuery)
 * @param secretFile file holding the shared secret that authenticates and encrypts cluster traffic
 * @param profile    failure-detection timings: fast (sub-second) or safe (noisy networks)
 * @param quorum     split-brain policy: majority, tiebreaker or none
 * @param tiebreaker address a node must reach to claim a VIP under the tiebreaker policy
 * @param preempt    a returning node with higher priority takes the primary role back
 * @param priority   election priority (higher wins when preempting)
 * @param mode       active-passive (one VIP on the primary) or active-active (VIPs spread over live nodes)
 */
public record ClusterConfig(
        boolean enabled,
        String name,
        HostPort bind,
        List<HostPort> peers,
        Discovery discovery,
        Optional<String> dnsQuery,
        Optional<Path> secretFile,
        Profile profile,
        Quorum quorum,
        Optional<HostPort> tiebreaker,
        boolean preempt,
        int priority,
        Mode mode) {

    public ClusterConfig {
        peers = List.copyOf(peers);
    }

    public enum Discovery { STATIC, DNS }

    public enum Profile { FAST, SAFE }

    public enum Quorum { MAJORITY, TIEBREAKER, NONE }

    public enum Mode { ACTIVE_PASSIVE, ACTIVE_ACTIVE }
}
