package dev.ballast.node.admin;

import dev.ballast.node.cluster.NodeCluster;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.metrics.NodeMetrics;
import dev.ballast.node.runtime.ConfigSource;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.state.ReplicatedAdminState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Assembles the admin API of a started node and starts its listener, when {@code admin.enabled}. */
public final class AdminWiring {

    private static final Logger LOG = LogManager.getLogger(AdminWiring.class);

    private AdminWiring() {
    }

    /**
     * What the admin API reads from outside the node package: traffic numbers, Prometheus text, the cluster, and
     * the cluster's replicated admin state (where server actions go when the node is clustered).
     */
    public record Ports(TrafficView traffic, Optional<MetricsSource> metrics, ClusterView cluster,
                        Optional<ReplicatedAdminState> adminState) {

        /** Ports of a node without replicated admin state: server actions apply to this node only. */
        public Ports(TrafficView traffic, Optional<MetricsSource> metrics, ClusterView cluster) {
            this(traffic, metrics, cluster, Optional.empty());
        }

        /**
         * A node with no statistics and no cluster wired: traffic fields are left out, /metrics answers 503, the
         * cluster reads {@code enabled:false}.
         */
        public static Ports nothingWired(String nodeName) {
            return new Ports(TrafficView.NONE, Optional.empty(), ClusterView.disabled(nodeName));
        }

        /** A started node's statistics and metrics, and its cluster when it joined one. */
        public static Ports of(BallastConfig config, NodeRuntime node, Optional<NodeCluster> cluster) {
            NodeMetrics metrics = node.metrics();
            return new Ports(new StatsTrafficView(node.traffic()), Optional.of(metrics::writeTo),
                    cluster.<ClusterView>map(joined -> new NodeClusterView(joined, config.cluster()))
                            .orElseGet(() -> ClusterView.disabled(config.node().name())),
                    cluster.map(NodeCluster::adminState));
        }
    }

    /**
     * Starts the admin API of a running node, or nothing when the configuration disables it. A clustered node
     * applies the cluster's decisions on servers from here on either way (see {@link ReplicatedServerDecisions}).
     *
     * @param configFile the file the configuration was loaded from: reported, hashed, and read again on reload
     * @param startedAt  when the node started
     * @throws IllegalStateException when the admin address cannot be listened on or the file cannot be read
     */
    public static Optional<AdminServer> start(BallastConfig config, Path configFile, ConfigSource configs,
                                              NodeRuntime node, Ports ports, Instant startedAt) {
        if (!config.admin().enabled()) {
            // No API to change the configuration through: the cluster's decisions apply to the one loaded.
            ports.adminState().ifPresent(state ->
                    ReplicatedServerDecisions.start(state, new DataPlaneServers(node), () -> config));
            LOG.info("Admin API disabled (admin.enabled is false)");
            return Optional.empty();
        }
        LiveConfig live = new LiveConfig(configFile, config, sha256Of(configFile));
        ServerActions actions = serverActions(node, ports.adminState(), live);
        if (config.admin().token().isEmpty()) {
            LOG.warn("Admin API has no token (admin.token or admin.token-file): every request but /healthz is refused");
        }
        return Optional.of(AdminServer.start(config.admin().bind(),
                api(config, live, configs, node, ports, actions, startedAt, Clock.systemUTC())));
    }

    /** Where server actions go: the cluster's admin state when there is one (applied here too), else this node. */
    private static ServerActions serverActions(NodeRuntime node, Optional<ReplicatedAdminState> replicated,
                                               LiveConfig live) {
        DataPlaneServers servers = new DataPlaneServers(node);
        ServerDecisions decisions = replicated.<ServerDecisions>map(state ->
                ReplicatedServerDecisions.start(state, servers, live::config)).orElse(servers);
        return new ServerActions(servers, decisions);
    }

    static AdminApi api(BallastConfig config, LiveConfig live, ConfigSource configs, NodeRuntime node, Ports ports,
                        ServerActions actions, Instant startedAt, Clock clock) {
        return new AdminApi(new TokenAuth(config.admin().token()), node::running,
                new NodeReport(startedAt, clock, live, ports.cluster()), ports.cluster(),
                new BackendsReport(node, live::config, ports.traffic()),
                new SessionsReport(node, live::config, clock), actions, new ConfigReload(live, configs, actions),
                ports.metrics(), statsPage());
    }

    private static String sha256Of(Path file) {
        try {
            return Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the configuration file " + file + " to hash it: "
                    + e, e);
        }
    }

    /** The /stats page: one self-contained HTML file shipped in the jar. */
    private static byte[] statsPage() {
        try (InputStream in = AdminWiring.class.getResourceAsStream("stats.html")) {
            if (in == null) {
                throw new IllegalStateException("stats.html is missing from the build of " + AdminWiring.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stats.html", e);
        }
    }
}
