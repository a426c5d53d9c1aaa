package dev.ballast.node.metrics;

import dev.ballast.cluster.replication.TableStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** Prometheus metrics of the cluster's replicated tables, labelled by table, read at scrape time. */
public final class ReplicationMetrics {

    private ReplicationMetrics() {
    }

    /** Registers the tables' gauges and counters on a node's registry ({@code NodeMetrics.registry()}). */
    public static void register(PrometheusRegistry registry, Supplier<List<TableStats>> tables) {
        gauge(registry, tables, "ballast_replication_entries", "Live entries of the replicated table on this node.",
                TableStats::entries);
        gauge(registry, tables, "ballast_replication_tombstones", "Removals the replicated table remembers.",
                TableStats::tombstones);
        gauge(registry, tables, "ballast_replication_pending_changes",
                "Changes of the replicated table not yet handed to the cluster channel.", TableStats::pending);
        gauge(registry, tables, "ballast_replication_batches_per_second",
                "Batches of changes sent plus received per second (over the last 5 s).",
                TableStats::batchesPerSecond);
        gauge(registry, tables, "ballast_replication_lag_seconds",
                "For the last batch received: from its first change on another member to its application here "
                        + "(-1 before any).",
                stats -> stats.replicationLagMillis() < 0 ? -1 : stats.replicationLagMillis() / 1000.0);
        counter(registry, tables, "ballast_replication_evictions",
                "Entries evicted to keep the replicated table within its bound.", TableStats::evictions);
        counter(registry, tables, "ballast_replication_batches_sent", "Batches of changes sent to the cluster.",
                TableStats::batchesSent);
        counter(registry, tables, "ballast_replication_batches_received",
                "Batches of changes received from other members.", TableStats::batchesReceived);
        counter(registry, tables, "ballast_replication_merges",
                "Partitions merged (the table is resent and merged entry by entry).", TableStats::mergeEvents);
    }

    private static void gauge(PrometheusRegistry registry, Supplier<List<TableStats>> tables, String name,
                              String help, ToDoubleFunction<TableStats> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("table")
                .callback(callback -> tables.get().forEach(stats -> callback.call(value.applyAsDouble(stats),
                        stats.table())))
                .register(registry);
    }

    private static void counter(PrometheusRegistry registry, Supplier<List<TableStats>> tables, String name,
                                String help, ToDoubleFunction<TableStats> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("table")
                .callback(callback -> tables.get().forEach(stats -> callback.call(value.applyAsDouble(stats),
                        stats.table())))
                .register(registry);
    }
}
