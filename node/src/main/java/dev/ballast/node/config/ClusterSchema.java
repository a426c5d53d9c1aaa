package dev.ballast.node.config;

import static dev.ballast.node.config.ValueTypes.bindAddress;
import static dev.ballast.node.config.ValueTypes.bool;
import static dev.ballast.node.config.ValueTypes.cidr;
import static dev.ballast.node.config.ValueTypes.duration;
import static dev.ballast.node.config.ValueTypes.integer;
import static dev.ballast.node.config.ValueTypes.name;
import static dev.ballast.node.config.ValueTypes.networkInterface;
import static dev.ballast.node.config.ValueTypes.oneOf;
import static dev.ballast.node.config.ValueTypes.path;
import static dev.ballast.node.config.ValueTypes.string;
import static dev.ballast.node.config.ValueTypes.targetAddress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.ballast.node.config.ClusterConfig.Discovery;
import dev.ballast.node.config.ClusterConfig.Mode;
import dev.ballast.node.config.ClusterConfig.Profile;
import dev.ballast.node.config.ClusterConfig.Quorum;

/** The keys of {@code cluster}, {@code vips} and {@code dns}: high availability across nodes. */
final class ClusterSchema {

    static final Setting<Boolean> ENABLED = Setting.of("enabled", bool(), false,
            "Whether this node joins a cluster; alone it serves traffic but moves no VIP.");
    static final Setting<String> NAME = Setting.of("name", name(), "ballast",
            "Cluster name; only nodes with the same name and secret form a cluster.");
    static final Setting<HostPort> BIND = Setting.of("bind", bindAddress(), new HostPort("127.0.0.1", 7800),
            "Address and port of this node's cluster transport (JGroups TCP).");
    static final Setting<List<HostPort>> PEERS = Setting.list("peers", targetAddress(),
            "Cluster transport addresses of all nodes (TCPPING); this node may be among them.");
    static final Setting<Discovery> DISCOVERY = Setting.of("discovery", oneOf(Discovery.class), Discovery.STATIC,
            "static (the peers list) or dns (the A records of dns-query).");
    static final Setting<String> DNS_QUERY = Setting.optional("dns-query", string(),
            "For discovery dns: the name whose A records are the peers.");
    static final Setting<Path> SECRET_FILE = Setting.optional("secret-file", path(),
            "File holding the shared secret that authenticates and encrypts cluster traffic (required when enabled).");
    static final Setting<Profile> PROFILE = Setting.of("profile", oneOf(Profile.class), Profile.FAST,
            "Failure detection: fast (a dead primary is replaced in under a second) or safe (noisy networks).");
    static final Setting<Quorum> QUORUM = Setting.of("quorum", oneOf(Quorum.class), Quorum.NONE,
            "Split-brain policy: majority (needs 3+ peers), tiebreaker (must reach tiebreaker) or none.");
    static final Setting<HostPort> TIEBREAKER = Setting.optional("tiebreaker", targetAddress(),
            "For quorum tiebreaker: host:port a node must reach over TCP to hold a VIP.");
    static final Setting<Boolean> PREEMPT = Setting.of("preempt", bool(), false,
            "A returning node with a higher priority takes the primary role back.");
    static final Setting<Integer> PRIORITY = Setting.of("priority", integer(1, 255), 100,
            "Election priority; higher wins when preempting.");
    static final Setting<Mode> MODE = Setting.of("mode", oneOf(Mode.class), Mode.ACTIVE_PASSIVE,
            "active-passive (the VIPs on the primary) or active-active (the VIPs spread over live nodes).");
    static final Section CLUSTER = Section.of("cluster", "Membership, election and replication between nodes.",
            ENABLED, NAME, BIND, PEERS, DISCOVERY, DNS_QUERY, SECRET_FILE, PROFILE, QUORUM, TIEBREAKER, PREEMPT,
            PRIORITY, MODE);

    static final Setting<Cidr> VIP_ADDRESS = Setting.required("address", cidr(),
            "The virtual IP with its prefix length, e.g. 10.0.0.100/24.");
    static final Setting<String> IFACE = Setting.of("iface", networkInterface(), "eth0",
            "Network interface the address is added to (script mode).");
    static final Setting<VipConfig.Mode> VIP_MODE = Setting.of("mode", oneOf(VipConfig.Mode.class),
            VipConfig.Mode.SCRIPT,
            "script (vip-scripts add the address and announce it) or bind (only the owner listens on it, no root).");
    static final ItemList VIPS = ItemList.indexed("vips", "Virtual IPs the cluster moves between nodes.", "vip",
            VIP_ADDRESS, IFACE, VIP_MODE);

    static final Setting<Boolean> DNS_ENABLED = Setting.of("enabled", bool(), false,
            "Whether this node answers DNS queries for name with the live VIPs (active-active).");
    static final Setting<HostPort> DNS_BIND = Setting.of("bind", bindAddress(), new HostPort("0.0.0.0", 53),
            "Address and port of the DNS responder (UDP and TCP).");
    static final Setting<String> DNS_NAME = Setting.of("name", string(), "ballast.local",
            "The service name answered.");
    static final Setting<Duration> TTL = Setting.of("ttl", duration(), Duration.ofSeconds(5),
            "TTL of the answers; short, so clients follow VIP moves.");
    static final Section DNS = Section.of("dns", "The small authoritative DNS responder of active-active mode.",
            DNS_ENABLED, DNS_BIND, DNS_NAME, TTL);

    private ClusterSchema() {
    }
}
