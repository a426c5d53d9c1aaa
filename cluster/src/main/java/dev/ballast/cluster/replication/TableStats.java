package dev.ballast.cluster.replication;

/**
 * What a {@link ReplicatedTable} reports: sizes now, counters since it was created (rates are their derivative),
 * and the latest replication lag.
 *
 * @param table                 the table's name
 * @param entries               live entries (expired ones not yet purged included), tombstones excluded
 * @param tombstones            removals remembered
 * @param pending               changes not yet handed to the channel (JGroups then transmits them asynchronously)
 * @param evictions             entries evicted to stay within max entries
 * @param batchesSent           messages of changes sent
 * @param entriesSent           entries sent in them (full resends after a merge included)
 * @param batchesReceived       messages of changes received from other members
 * @param entriesApplied        received entries that changed this member's table
 * @param batchesPerSecond      batches sent plus received per second, over the last sweep interval (5 s)
 * @param replicationLagMillis  for the last batch received: from the first change it carries to its application
 *                              here (-1 before any); the two members' wall clocks must agree for it to be exact
 * @param mergeEvents           partitions merged since the table was created
 * @param statesReceived        full states received (joining, from the coordinator)
 */
public record TableStats(
        String table,
        int entries,
        int tombstones,
        int pending,
        long evictions,
        long batchesSent,
        long entriesSent,
        long batchesReceived,
        long entriesApplied,
        double batchesPerSecond,
        long replicationLagMillis,
        long mergeEvents,
        long statesReceived) {
}
