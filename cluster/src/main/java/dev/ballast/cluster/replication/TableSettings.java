package dev.ballast.cluster.replication;

import java.time.Duration;

/**
 * How one {@link ReplicatedTable} behaves; identical on every member.
 *
 * @param name               the table's name, unique within a cluster member (messages and state carry it)
 * @param maxEntries         entries (tombstones included) kept at most; the least recently used are evicted beyond
 * @param batchDelay         changes are collected this long before they are sent, together (a few milliseconds)
 * @param maxBatchEntries    at most this many entries go into one message
 * @param touchFraction      a use of an entry is replicated once its last use is older than this fraction of the
 *                           entry's remaining time to live (so a busy entry does not flood the cluster)
 * @param tombstoneRetention a removal is remembered at least this long (and at least as long as the removed entry
 *                           would have lived), far longer than any merge after a partition takes
 */
public record TableSettings(
        String name,
        int maxEntries,
        Duration batchDelay,
        int maxBatchEntries,
        double touchFraction,
        Duration tombstoneRetention) {

    public static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(5);
    public static final int DEFAULT_MAX_BATCH_ENTRIES = 1_000;
    public static final double DEFAULT_TOUCH_FRACTION = 0.25;
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofMinutes(10);

    public TableSettings {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("table name must be 1-200 characters, got '" + name + "'");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("table " + name + ": max entries must be >= 1, got " + maxEntries);
        }
        if (batchDelay.isNegative() || batchDelay.isZero()) {
            throw new IllegalArgumentException("table " + name + ": batch delay must be positive, got " + batchDelay);
        }
        if (maxBatchEntries < 1) {
            throw new IllegalArgumentException("table " + name + ": max batch entries must be >= 1, got "
                    + maxBatchEntries);
        }
        if (!(touchFraction > 0 && touchFraction <= 1)) {
            throw new IllegalArgumentException("table " + name + ": touch fraction must be in (0, 1], got "
                    + touchFraction);
        }
        if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
            throw new IllegalArgumentException("table " + name + ": tombstone retention must be positive, got "
                    + tombstoneRetention);
        }
    }

    /** A table with the default batching (5 ms, 1,000 entries), touch fraction (1/4) and retention (10 min). */
    public static TableSettings of(String name, int maxEntries) {
        return new TableSettings(name, maxEntries, DEFAULT_BATCH_DELAY, DEFAULT_MAX_BATCH_ENTRIES,
                DEFAULT_TOUCH_FRACTION, DEFAULT_TOMBSTONE_RETENTION);
    }
}
