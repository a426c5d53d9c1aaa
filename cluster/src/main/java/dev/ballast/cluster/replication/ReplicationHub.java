package dev.ballast.cluster.replication;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The replicated tables of one cluster member, multiplexed over its channel: routes received batches to their
 * table, writes and reads the full state of all tables for a joiner, and tells the tables about merges. Tables are
 * registered before the member joins, so that the state a joiner fetches covers them.
 */
public final class ReplicationHub implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ReplicationHub.class);
    private static final String END_OF_STATE = "";

    private final String origin;
    private final HybridClock clock;
    private final BatchSender sender;
    private final Map<String, ReplicatedTable> tables = new ConcurrentHashMap<>();
    private volatile boolean started;

    public ReplicationHub(String origin, HybridClock clock, BatchSender sender) {
        this.origin = origin;
        this.clock = clock;
        this.sender = sender;
    }

    /**
     * Creates and registers a table.
     *
     * @throws IllegalStateException after {@link #start}, or when a table of that name exists
     */
    public ReplicatedTable register(TableSettings settings) {
        if (started) {
            throw new IllegalStateException("table " + settings.name() + " must be registered before the member "
                    + "joins the cluster (a joiner fetches the state of the tables registered by then)");
        }
        ReplicatedTable table = new ReplicatedTable(settings, origin, clock, sender);
        if (tables.putIfAbsent(settings.name(), table) != null) {
            throw new IllegalStateException("a replicated table named " + settings.name() + " already exists");
        }
        return table;
    }

    public boolean hasTables() {
        return !tables.isEmpty();
    }

    /** The member has joined: tables start sending. */
    public void start() {
        started = true;
        tables.values().forEach(ReplicatedTable::start);
    }

    /** Whether a received message is a replication batch (else it belongs to the election). */
    public static boolean isReplicationMessage(byte[] data, int offset, int length) {
        return TableWire.isBatch(data, offset, length);
    }

    /** Applies a batch from {@code source}; on a JGroups thread. */
    public void receive(String source, byte[] data, int offset, int length) {
        TableWire.Batch batch;
        try {
            batch = TableWire.decodeBatch(data, offset, length, Integer.MAX_VALUE);
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: dropping an undecodable replication batch from {}: {}", origin, source, e.toString());
            return;
        }
        ReplicatedTable table = tables.get(batch.table());
        if (table == null) {
            LOG.warn("{}: {} sent a batch for table {}, which this member does not have (different versions?)",
                    origin, source, batch.table());
            return;
        }
        table.applyBatch(batch);
    }

    /** A MergeView was installed: every table resends all its entries (see {@link ReplicatedTable#merged}). */
    public void merged() {
        tables.values().forEach(ReplicatedTable::merged);
    }

    /** Streams every table's entries to a joiner (JGroups' state provider thread). */
    public void writeState(OutputStream output) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(output, 64 * 1024));
        for (ReplicatedTable table : tables.values()) {
            out.writeUTF(table.name());
            table.writeState(out);
        }
        out.writeUTF(END_OF_STATE);
        out.flush();
    }

    /** Merges the state a member sent into the tables (tables this member lacks are skipped). */
    public void readState(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(input, 64 * 1024));
        for (String name = in.readUTF(); !name.equals(END_OF_STATE); name = in.readUTF()) {
            ReplicatedTable table = tables.get(name);
            if (table == null) {
                LOG.warn("{}: the state holds table {}, which this member does not have; skipping it", origin, name);
                while (in.readBoolean()) {
                    TableWire.readEntry(in);
                }
                continue;
            }
            long entries = table.readState(in);
            LOG.info("{}: received the state of table {}: {} entries", origin, name, entries);
        }
    }

    public List<TableStats> stats() {
        return tables.values().stream().map(ReplicatedTable::stats).toList();
    }

    /** Sends what the tables still hold back and stops their threads; before the channel closes. */
    @Override
    public void close() {
        tables.values().forEach(ReplicatedTable::close);
    }
}
