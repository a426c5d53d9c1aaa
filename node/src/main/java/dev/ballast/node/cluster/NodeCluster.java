package dev.ballast.node.cluster;

import dev.ballast.cluster.election.QuorumPolicy;
import dev.ballast.cluster.membership.ClusterMember;
import dev.ballast.cluster.membership.ClusterSettings;
import dev.ballast.cluster.membership.TcpTiebreakerProbe;
import dev.ballast.cluster.replication.TableStats;
import dev.ballast.cluster.vip.VipController;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.ClusterConfig;
import dev.ballast.node.metrics.ReplicationMetrics;
import dev.ballast.node.runtime.NodeRuntime;
import dev.ballast.node.state.ReplicatedAdminState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * This node in its cluster: {@link #create created} before the data plane starts (so that the data plane can use
 * the replicated {@link ClusterTables}), {@link #join joined} after it has started; tells the election whether the
 * data plane works ({@link Eligibility}), moves the VIPs it is given (script mode: vip-scripts on the interface;
 * bind mode: the frontends on the VIP listen) and shares the servers' load ({@link ClusterLoad}). {@link #close()}
 * hands the VIPs over before returning, so a node that stops its data plane only afterwards stops without a gap for
 * clients.
 */
public final class NodeCluster implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(NodeCluster.class);
    /** How often owned VIPs are checked and re-announced (gratuitous ARP: switches forget). */
    private static final Duration REASSERT_INTERVAL = Duration.ofSeconds(10);
    private static final int VIP_ATTEMPTS = 3;
    private static final Duration VIP_RETRY_DELAY = Duration.ofMillis(200);
    /**
     * A handed-over VIP stays up (and served) this long after the successor's claim, while the successor binds or
     * adds it and announces it (bench/failover, load average 7-11 on 2 cores: its gratuitous ARP reached the client
     * 60-120 ms after its claim).
     */
    private static final Duration HANDOVER_LINGER = Duration.ofMillis(500);
    /** Then at most this long for the connections accepted on it to finish, before the address goes. */
    private static final Duration HANDOVER_DRAIN_MAX = Duration.ofSeconds(2);
    /**
     * A successor passes the segments of connections it does not know on to the former owner (script mode:
     * vip-handover) this long after taking the VIP over: the former owner's linger and drain, and 1 s for its
     * seeing the claim and its vip-down.
     */
    private static final Duration HANDOVER_FORWARDING = HANDOVER_LINGER.plus(HANDOVER_DRAIN_MAX).plusSeconds(1);
    private static final Duration TIEBREAKER_CONNECT_TIMEOUT = Duration.ofMillis(200);
    private static final Duration TIEBREAKER_INTERVAL = Duration.ofMillis(500);

    private final String node;
    private final List<String> vips;
    private final EligibilityMonitor eligibility;
    private final VipController vipController;
    private final RoleTracker roles;
    private final Optional<TcpTiebreakerProbe> tiebreaker;
    private final ClusterMember member;
    private final ClusterTables tables;
    private final NodeRuntime runtime;
    /** Set by {@link #join}, once the data plane's backends exist. */
    private volatile ClusterLoad load;

    private NodeCluster(BallastConfig config, NodeRuntime runtime, Path vipScripts,
                        Optional<TcpTiebreakerProbe> tiebreaker) throws Exception {
        this.node = config.node().name();
        this.runtime = runtime;
        this.tiebreaker = tiebreaker;
        VipFrontends vipFrontends = VipFrontends.of(config);
        vipFrontends.addressesWithoutFrontend().forEach(address -> LOG.warn("Bind-mode VIP {} has no frontend bound "
                + "on it: owning it serves nothing (a frontend's bind must be {}:PORT)", address, address));
        this.vips = ClusterSettingsMapping.vipCidrs(config.vips());
        this.eligibility = new EligibilityMonitor(runtime, config.frontends(), vipFrontends.all(), node);
        QuorumPolicy quorum = ClusterSettingsMapping.quorum(config.cluster(),
                tiebreaker.<BooleanSupplier>map(probe -> probe).orElse(() -> false));
        ClusterSettings settings = ClusterSettingsMapping.settings(config, quorum);
        this.vipController = new VipController(
                new HandoverLinger(VipBackends.of(config.vips(), vipScripts, new FrontendBinder(runtime, vipFrontends)),
                        HANDOVER_LINGER, runtime::drainClientsOn, HANDOVER_DRAIN_MAX, this::couldKeepServing),
                vips, REASSERT_INTERVAL, VIP_ATTEMPTS, VIP_RETRY_DELAY, HANDOVER_FORWARDING);
        this.roles = new RoleTracker(node, vipController, Clock.systemUTC());
        this.member = new ClusterMember(settings, eligibility.current().eligible(), roles);
        this.tables = new ClusterTables(member, config);
    }

    /** The frontends that listen only while this node owns their VIP: start the runtime without them. */
    public static Set<String> vipBoundFrontends(BallastConfig config) {
        return VipFrontends.of(config).all();
    }

    /**
     * This node's membership and replicated tables for a data plane not started yet; nothing is joined until
     * {@link #join}. Start the data plane with {@link #tables()} in between.
     *
     * @param vipScripts folder holding vip-up, vip-down, vip-status and vip-handover (used by script-mode VIPs)
     * @throws Exception with a message an operator can act on (unreadable secret, unusable address, ...)
     */
    public static NodeCluster create(BallastConfig config, NodeRuntime runtime, Path vipScripts) throws Exception {
        Optional<TcpTiebreakerProbe> tiebreaker = tiebreakerProbe(config.cluster());
        try {
            return new NodeCluster(config, runtime, vipScripts, tiebreaker);
        } catch (Exception | Error e) {
            tiebreaker.ifPresent(TcpTiebreakerProbe::close);
            throw e;
        }
    }

    /** The replicated tables, registered with the member already: hand them to the data plane before it starts. */
    public ClusterTables tables() {
        return tables;
    }

    /** Sizes, rates, lag and merges of the replicated tables. */
    public List<TableStats> replication() {
        return tables.stats();
    }

    private static Optional<TcpTiebreakerProbe> tiebreakerProbe(ClusterConfig cluster) {
        if (cluster.quorum() != ClusterConfig.Quorum.TIEBREAKER) {
            return Optional.empty();
        }
        return cluster.tiebreaker().map(target -> new TcpTiebreakerProbe(ClusterSettingsMapping.socketAddress(target),
                TIEBREAKER_CONNECT_TIMEOUT, TIEBREAKER_INTERVAL));
    }

    /**
     * Joins the cluster once the data plane has started (a joiner receives the tables' contents first); returns once
     * this node has a view.
     *
     * @throws Exception with a message an operator can act on; whatever was started is stopped again
     */
    public void join() throws Exception {
        try {
            Eligibility initial = eligibility.current();
            LOG.info("Node {} joining the cluster; data plane {} ({})", node, initial.eligible() ? "eligible"
                    : "not eligible", initial.reason());
            vipController.start();
            member.start();
            eligibility.start(verdict -> member.setEligible(verdict.eligible()));
            load = new ClusterLoad(tables.serverLoad(), node, member::members,
                    ClusterLoad.clusterWide(runtime.backends().values()), System::currentTimeMillis);
            load.start();
            ReplicationMetrics.register(runtime.metrics().registry(), tables::stats);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private boolean couldKeepServing() {
        return eligibility.current().eligible() && member.quorum().held();
    }

    /**
     * Asks the cluster to make {@code node} the primary (hitless: this node keeps the VIPs until it has claimed).
     *
     * @throws IllegalArgumentException when no eligible member of that name is in the view
     */
    public void promote(String target) throws InterruptedException, TimeoutException {
        member.promote(target);
    }

    /** The operator's decisions on servers, shared with the cluster (received from it on joining). */
    public ReplicatedAdminState adminState() {
        return tables.adminState();
    }

    public ClusterStatus status() {
        List<ClusterStatus.Member> members = ClusterStatus.members(member.lastSnapshot());
        ClusterMember.Quorum quorum = member.quorum();
        return new ClusterStatus(node, Role.of(member.ownedVips()), member.ownedVips(), members,
                ClusterStatus.vipOwners(vips, members), quorum.held(), quorum.description(), eligibility.current(),
                roles.lastChange());
    }

    /**
     * Hands this node's VIPs over (a successor claims them before this node lets go), leaves the cluster and
     * releases what it still holds. Stop the data plane only after this returns.
     */
    @Override
    public void close() {
        LOG.info("Node {} leaving the cluster (role {}): handing the VIPs {} over first", node,
                Role.of(member.ownedVips()), member.ownedVips());
        eligibility.close();
        if (load != null) {
            load.close();
        }
        member.close();
        try {
            vipController.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while releasing the VIPs {}; check them with vip-status", vips);
        }
        tiebreaker.ifPresent(TcpTiebreakerProbe::close);
        LOG.info("Node {} left the cluster", node);
    }
}
