package dev.ballast.node.cluster;

import dev.ballast.cluster.DaemonThreads;
import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableEntry;
import dev.ballast.cluster.replication.Version;
import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Server;
import dev.ballast.node.proxy.Backend;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Connection state shared by the cluster, for backends with {@code cluster-wide-load}: each member publishes its
 * requests in flight per server, and adds the other members' to its servers' load, so that leastconn and p2c
 * balance on cluster-wide sums (what matters in active-active, where every node takes traffic).
 *
 * <p>Why a replicated table (one entry per member) rather than a periodic message of our own: the table already
 * batches, reaches a joiner through the state transfer and survives merges, and it needs no change to the cluster
 * module. A member's entry is written every {@value #PUBLISH_MILLIS} ms when its counts changed, every second
 * otherwise, and expires after {@value #REPORT_TTL_MILLIS} ms, so a member that hangs while still in the view stops
 * counting. Only members of the current view count: the sums are recomputed every {@value #TICK_MILLIS} ms from the
 * view, so a member that leaves (crash, partition, stop) is dropped within that time of the view change. The data
 * plane never waits: picks read the last sums from the servers ({@link Server#remoteInFlight()}).
 */
final class ClusterLoad implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ClusterLoad.class);
    static final long TICK_MILLIS = 100;
    static final long PUBLISH_MILLIS = 250;
    static final long REFRESH_MILLIS = 1_000;
    static final long REPORT_TTL_MILLIS = 5_000;

    private final ReplicatedTable table;
    private final String self;
    private final Supplier<List<String>> members;
    private final List<BackendBalancer> shared;
    private final LongSupplier wallClock;
    private final ScheduledExecutorService thread;

    // Confined to the ticking thread.
    private long nextPublish = Long.MIN_VALUE;
    private long nextRefresh = Long.MIN_VALUE;
    private Map<String, Integer> lastReport = Map.of();
    private Version lastRejected;

    /**
     * @param members the names of the members in this node's current view
     * @param shared  the backends whose load is cluster-wide
     */
    ClusterLoad(ReplicatedTable table, String self, Supplier<List<String>> members, List<BackendBalancer> shared,
                LongSupplier wallClock) {
        this.table = table;
        this.self = self;
        this.members = members;
        this.shared = List.copyOf(shared);
        this.wallClock = wallClock;
        this.thread = DaemonThreads.singleThreadScheduler("ballast-cluster-load-" + self);
    }

    /** The balancers of the started data plane's backends with {@code cluster-wide-load: true}. */
    static List<BackendBalancer> clusterWide(Collection<Backend> backends) {
        return backends.stream().filter(backend -> backend.config().clusterWideLoad())
                .map(backend -> backend.balancer() instanceof BackendBalancer balancer ? balancer : null)
                .filter(balancer -> balancer != null).toList();
    }

    /** Starts publishing and summing; does nothing when no backend shares its load. */
    void start() {
        if (shared.isEmpty()) {
            return;
        }
        LOG.info("Sharing the load of {} backend(s) with the cluster: every {} ms, members' reports expire after {} ms",
                shared.size(), PUBLISH_MILLIS, REPORT_TTL_MILLIS);
        thread.scheduleWithFixedDelay(this::safeTick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick(wallClock.getAsLong());
        } catch (RuntimeException e) {
            LOG.error("Cluster-wide load not updated this time", e);
        }
    }

    /** Publishes this node's counts when due, then applies the other view members' sums to the shared servers. */
    void tick(long nowMillis) {
        if (nowMillis >= nextPublish) {
            nextPublish = nowMillis + PUBLISH_MILLIS;
            publish(nowMillis);
        }
        Map<String, Integer> remote = remoteSums();
        for (BackendBalancer backend : shared) {
            for (Server server : backend.servers()) {
                backend.setRemoteLoad(server, remote.getOrDefault(server.toString(), 0));
            }
        }
    }

    private void publish(long nowMillis) {
        Map<String, Integer> report = new TreeMap<>();
        for (BackendBalancer backend : shared) {
            for (Server server : backend.servers()) {
                report.put(server.toString(), server.inFlight());
            }
        }
        if (!report.equals(lastReport) || nowMillis >= nextRefresh) {
            table.put(self, LoadReport.encode(report), nowMillis + REPORT_TTL_MILLIS);
            lastReport = report;
            nextRefresh = nowMillis + REFRESH_MILLIS;
        }
    }

    private Map<String, Integer> remoteSums() {
        Set<String> view = new HashSet<>(members.get());
        Map<String, Integer> sums = new HashMap<>();
        for (TableEntry entry : table.entries()) {
            if (entry.key().equals(self) || !view.contains(entry.key())) {
                continue;
            }
            try {
                LoadReport.decode(entry.value()).forEach((server, inFlight) -> sums.merge(server, inFlight,
                        Integer::sum));
            } catch (IllegalArgumentException e) {
                if (!entry.version().equals(lastRejected)) {
                    lastRejected = entry.version();
                    LOG.error("Ignoring the load report of member {}: {} (is it running another version?)",
                            entry.key(), e.getMessage());
                }
            }
        }
        return sums;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
