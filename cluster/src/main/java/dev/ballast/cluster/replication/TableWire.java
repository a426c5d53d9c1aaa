package dev.ballast.cluster.replication;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of replication traffic (no Java serialization): batches of entries, and the entries of a state
 * transfer. A batch message starts with {@link #BATCH}, a byte the election's messages never use, so one channel
 * carries both.
 */
final class TableWire {

    /** First byte of a batch message (election messages start with 1 or 2). */
    static final byte BATCH = 0x52;
    static final int MAX_KEY_CHARS = 4_096;
    static final int MAX_VALUE_BYTES = 1 << 20;

    private TableWire() {
    }

    /** A batch as received: the table it is for, when its first change was made, and the entries. */
    record Batch(String table, long firstChangeMillis, List<TableEntry> entries) {
    }

    static byte[] encodeBatch(String table, long firstChangeMillis, List<TableEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(BATCH);
            out.writeUTF(table);
            out.writeLong(firstChangeMillis);
            out.writeInt(entries.size());
            for (TableEntry entry : entries) {
                writeEntry(out, entry);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a batch of table " + table, e);
        }
        return bytes.toByteArray();
    }

    static boolean isBatch(byte[] data, int offset, int length) {
        return length > 0 && data[offset] == BATCH;
    }

    static Batch decodeBatch(byte[] data, int offset, int length, int maxEntries) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length))) {
            if (in.readByte() != BATCH) {
                throw new IOException("not a replication batch");
            }
            String table = in.readUTF();
            long firstChange = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > maxEntries) {
                throw new IOException("implausible entry count " + count + " in a batch of table " + table);
            }
            List<TableEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(readEntry(in));
            }
            return new Batch(table, firstChange, entries);
        }
    }

    static void writeEntry(DataOutput out, TableEntry entry) throws IOException {
        out.writeUTF(entry.key());
        byte[] value = entry.value();
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
        out.writeLong(entry.version().timestamp());
        out.writeUTF(entry.version().origin());
        out.writeLong(entry.lastUsedMillis());
        out.writeLong(entry.expiresAtMillis());
    }

    static TableEntry readEntry(DataInput in) throws IOException {
        String key = in.readUTF();
        int valueLength = in.readInt();
        if (valueLength < -1 || valueLength > MAX_VALUE_BYTES) {
            throw new IOException("implausible value length " + valueLength + " for key " + key);
        }
        byte[] value = null;
        if (valueLength >= 0) {
            value = new byte[valueLength];
            in.readFully(value);
        }
        // A handful of member names recur in every entry: keep one copy of each.
        Version version = new Version(in.readLong(), in.readUTF().intern());
        return new TableEntry(key, value, version, in.readLong(), in.readLong());
    }
}
