package dev.ballast.node.cluster;

import dev.ballast.cluster.membership.ClusterMember;
import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableSettings;
import dev.ballast.cluster.replication.TableStats;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.StickyConfig;
import dev.ballast.node.session.SessionStoreFactory;
import dev.ballast.node.state.ReplicatedAdminState;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The replicated tables this node shares with its cluster, one method per table. All of them are registered with
 * the {@link ClusterMember} when this object is built, which must happen before the member starts: a joiner fetches
 * the state of the tables registered by then. To add a table, add a field set here and an accessor.
 */
public final class ClusterTables {

    /** Sticky sessions of every source-sticky backend, keyed "backend/client address". */
    static final String SESSIONS = "sticky-sessions";
    /** Each member's per-server load (in-flight requests), one entry per member. */
    static final String SERVER_LOAD = "server-load";
    /** Members times servers is small; a generous bound that no sane cluster reaches. */
    private static final int SERVER_LOAD_ENTRIES = 1_024;
    /**
     * Sessions are sent every 20 ms rather than the table default of 5: still far below the time a failover takes
     * (a session created 20 ms before its node dies is on the others), and four times fewer messages at moderate
     * rates, where a batch's fixed cost (headers, encryption, acknowledgements) outweighs its few entries.
     */
    static final Duration SESSIONS_BATCH_DELAY = Duration.ofMillis(20);
    /** Load reports are written every 250 ms at most: a batch timer of 100 ms adds little delay and idles cheaply. */
    static final Duration SERVER_LOAD_BATCH_DELAY = Duration.ofMillis(100);

    private final ClusterMember member;
    private final ReplicatedTable sessions;
    private final ReplicatedTable serverLoad;
    private final ReplicatedAdminState adminState;

    /** Registers every table with {@code member}, which has not started yet. */
    ClusterTables(ClusterMember member, BallastConfig config) {
        this.member = member;
        this.sessions = member.replicatedTable(withBatchDelay(TableSettings.of(SESSIONS,
                sessionBound(config.backends())), SESSIONS_BATCH_DELAY));
        this.serverLoad = member.replicatedTable(withBatchDelay(TableSettings.of(SERVER_LOAD, SERVER_LOAD_ENTRIES),
                SERVER_LOAD_BATCH_DELAY));
        this.adminState = new ReplicatedAdminState(member.replicatedTable(ReplicatedAdminState.TABLE));
    }

    /**
     * The sessions table holds the sessions of all source-sticky backends: its bound is the sum of theirs, fixed
     * when the node starts (a reload that raises a backend's max-entries takes effect at the next restart).
     */
    static int sessionBound(List<BackendConfig> backends) {
        long sum = backends.stream().map(BackendConfig::sticky).filter(s -> s.mode() == StickyConfig.Mode.SOURCE)
                .mapToLong(StickyConfig::maxEntries).sum();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, sum));
    }

    private static TableSettings withBatchDelay(TableSettings defaults, Duration batchDelay) {
        return new TableSettings(defaults.name(), defaults.maxEntries(), batchDelay, defaults.maxBatchEntries(),
                defaults.touchFraction(), defaults.tombstoneRetention());
    }

    /** Session stores for the data plane: every backend's sticky sessions in the one shared table. */
    public SessionStoreFactory sessionStores(Clock clock) {
        return SessionStoreFactory.replicated(sessions, clock);
    }

    ReplicatedTable sessions() {
        return sessions;
    }

    ReplicatedTable serverLoad() {
        return serverLoad;
    }

    /** Operator decisions on servers (drain, maint, weight, forced health), the same on every node. */
    public ReplicatedAdminState adminState() {
        return adminState;
    }

    /** Sizes, rates, lag and merges of every table. */
    public List<TableStats> stats() {
        return member.replicationStats();
    }
}
