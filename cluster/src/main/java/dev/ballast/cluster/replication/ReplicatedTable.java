package dev.ballast.cluster.replication;

import dev.ballast.cluster.DaemonThreads;
import dev.ballast.cluster.SegmentedLru;
import dev.ballast.cluster.SegmentedLru.Segment;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A table of string keys to byte values that every cluster member holds a copy of. Writes are local and immediate:
 * the caller only takes a short lock on one of up to 16 segments and marks the key as changed; the table's own
 * thread ({@code ballast-replication-NAME}) sends the changed entries to the other members in batches every few
 * milliseconds, so no caller ever waits on the network. Copies combine with {@link EntryMerge} (newest version wins),
 * so members converge whatever order updates, state transfers and post-partition resends arrive in.
 * <p>
 * Every entry has an absolute expiry; an expired entry is dropped by each member on its own, at the same time, so
 * expiry needs no message. A use ({@link #touch}) keeps the version and is replicated only once the last use the
 * others know is older than {@link TableSettings#touchFraction} of the entry's time to live, and in any case shortly
 * before their copies would expire. A removal leaves a tombstone (see {@link TableSettings#tombstoneRetention}).
 * Memory is bounded: beyond {@link TableSettings#maxEntries} each segment evicts its least recently used entry.
 */
public final class ReplicatedTable implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ReplicatedTable.class);
    /** A sweep visits every entry: often enough for expiry, rarely enough to cost little in large tables. */
    static final long SWEEP_MILLIS = 5_000;
    /** Pending uses are sent once the others' copies expire within this margin (two sweeps). */
    private static final long EXPIRY_FLUSH_MARGIN_MILLIS = 2 * SWEEP_MILLIS;
    private static final long PROBLEM_LOG_MILLIS = 10_000;
    private static final long CLOSE_FLUSH_SECONDS = 5;

    private final TableSettings settings;
    private final String origin;
    private final HybridClock clock;
    private final BatchSender sender;
    private final SegmentedLru<Slot> slots;
    /** Changed entries not sent yet, by key; several changes of one key between two rounds merge into one. */
    private final Map<String, TableEntry> dirty = new ConcurrentHashMap<>();
    private final AtomicLong firstDirtyMillis = new AtomicLong();
    /** Changes taken out of {@link #dirty} by the current round and not yet handed to the channel. */
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicBoolean resendAll = new AtomicBoolean();
    private final AtomicInteger tombstones = new AtomicInteger();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong entriesSent = new AtomicLong();
    private final AtomicLong batchesReceived = new AtomicLong();
    private final AtomicLong entriesApplied = new AtomicLong();
    private final AtomicLong mergeEvents = new AtomicLong();
    private final AtomicLong statesReceived = new AtomicLong();
    private final ScheduledExecutorService thread;
    private volatile long replicationLagMillis = -1;
    private volatile double batchesPerSecond;
    private volatile boolean started;
    private volatile Consumer<TableEntry> remoteChanges = entry -> { };

    // Confined to the table's thread.
    private long lastSweepMillis;
    private long batchesAtLastSweep;
    private long evictionsLogged;
    private long lastEvictionLogMillis;
    private long lastSendErrorLogMillis;

    /**
     * @param origin this member's name, the origin of its writes
     * @param clock  this member's clock (shared by its tables)
     * @param sender sends a batch to the other members; nothing is sent before {@link #start}
     */
    public ReplicatedTable(TableSettings settings, String origin, HybridClock clock, BatchSender sender) {
        this.settings = settings;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.clock = clock;
        this.sender = sender;
        this.slots = new SegmentedLru<>(settings.maxEntries(), evicted -> {
            if (evicted.entry.isTombstone()) {
                tombstones.decrementAndGet();
            }
        });
        thread = DaemonThreads.singleThreadScheduler("ballast-replication-" + settings.name());
    }

    public String name() {
        return settings.name();
    }

    /** Starts sending changes (those made before included) and sweeping expired entries. */
    public void start() {
        started = true;
        lastSweepMillis = clock.wallMillis();
        long delay = settings.batchDelay().toNanos();
        thread.scheduleWithFixedDelay(this::flush, delay, delay, TimeUnit.NANOSECONDS);
        thread.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Tells {@code listener} about every entry (or tombstone) another member's write changed here, after it was
     * applied; on JGroups' threads, so it must return quickly. Replaces the previous listener.
     */
    public void onRemoteChange(Consumer<TableEntry> listener) {
        remoteChanges = Objects.requireNonNull(listener, "listener");
    }

    /** The live entry for {@code key}; null if none, removed or expired. */
    public TableEntry get(String key) {
        Segment<Slot> segment = slots.segmentOf(key);
        synchronized (segment) {
            Slot slot = liveSlot(segment, key, clock.wallMillis());
            return slot == null || slot.entry.isTombstone() ? null : slot.entry;
        }
    }

    /** Sets {@code key} to {@code value} (a new version, used now) until {@code expiresAtMillis}; replicated soon. */
    public TableEntry put(String key, byte[] value, long expiresAtMillis) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        if (value.length > TableWire.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value of " + key + " has " + value.length + " bytes, more than "
                    + TableWire.MAX_VALUE_BYTES);
        }
        long now = clock.wallMillis();
        TableEntry entry = new TableEntry(key, value, new Version(clock.tick(), origin), now, expiresAtMillis);
        Segment<Slot> segment = slots.segmentOf(key);
        synchronized (segment) {
            Slot slot = store(segment, key, entry);
            slot.markKnown(entry);
        }
        markDirty(entry, now);
        return entry;
    }

    /**
     * Records a use of the live entry {@code key}, which now expires at {@code expiresAtMillis} (never earlier than
     * before). Returns the used entry, or null if there is none (or it expired). Replicated only when the last use
     * the others know is older than the touch fraction of the entry's time to live.
     */
    public TableEntry touch(String key, long lastUsedMillis, long expiresAtMillis) {
        Segment<Slot> segment = slots.segmentOf(key);
        TableEntry used;
        boolean replicate;
        synchronized (segment) {
            Slot slot = liveSlot(segment, key, clock.wallMillis());
            if (slot == null || slot.entry.isTombstone()) {
                return null;
            }
            used = slot.entry.usedAt(lastUsedMillis, expiresAtMillis);
            slot.entry = used;
            double timeToLive = (double) used.expiresAtMillis() - used.lastUsedMillis();
            replicate = used.lastUsedMillis() - slot.knownLastUsed >= settings.touchFraction() * timeToLive;
            if (replicate) {
                slot.markKnown(used);
            }
        }
        if (replicate) {
            markDirty(used, lastUsedMillis);
        }
        return used;
    }

    /**
     * Removes the live entry {@code key}, leaving a tombstone that outlives every copy of it; returns whether there
     * was one.
     */
    public boolean remove(String key) {
        long now = clock.wallMillis();
        Segment<Slot> segment = slots.segmentOf(key);
        TableEntry tombstone;
        synchronized (segment) {
            Slot slot = liveSlot(segment, key, now);
            if (slot == null || slot.entry.isTombstone()) {
                return false;
            }
            long retainUntil = Math.max(saturatedAdd(now, settings.tombstoneRetention().toMillis()),
                    slot.entry.expiresAtMillis());
            tombstone = new TableEntry(key, null, new Version(clock.tick(), origin), now, retainUntil);
            store(segment, key, tombstone).markKnown(tombstone);
        }
        markDirty(tombstone, now);
        return true;
    }

    /** Drops every expired entry and tombstone; returns how many entries (tombstones not counted) went. */
    public int purgeExpired() {
        long now = clock.wallMillis();
        int purged = 0;
        for (Segment<Slot> segment : slots.segments()) {
            synchronized (segment) {
                Iterator<Slot> it = segment.values().iterator();
                while (it.hasNext()) {
                    Slot slot = it.next();
                    if (slot.entry.expiredAt(now)) {
                        it.remove();
                        if (slot.entry.isTombstone()) {
                            tombstones.decrementAndGet();
                        } else {
                            purged++;
                        }
                    }
                }
            }
        }
        return purged;
    }

    /** The live entries now (a copy), in no particular order. */
    public List<TableEntry> entries() {
        long now = clock.wallMillis();
        List<TableEntry> live = new ArrayList<>();
        for (TableEntry entry : snapshot()) {
            if (!entry.isTombstone() && !entry.expiredAt(now)) {
                live.add(entry);
            }
        }
        return live;
    }

    /** Entries held (expired ones not yet purged included), tombstones excluded. */
    public int size() {
        return slots.size() - tombstones.get();
    }

    public long evictions() {
        return slots.evictions();
    }

    public TableStats stats() {
        return new TableStats(settings.name(), size(), tombstones.get(), dirty.size() + unsent.get(), evictions(),
                batchesSent.get(),
                entriesSent.get(), batchesReceived.get(), entriesApplied.get(), batchesPerSecond, replicationLagMillis,
                mergeEvents.get(), statesReceived.get());
    }

    /** Sends what is still pending, then stops the table's thread. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            if (started) {
                thread.submit(this::flush).get(CLOSE_FLUSH_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("table {}: last changes not sent on close: {}", settings.name(), e.toString());
        } finally {
            thread.shutdownNow();
        }
    }

    // ---- replication side, called by the ReplicationHub ----

    /** Applies a batch received from another member (on a JGroups thread). */
    void applyBatch(TableWire.Batch batch) {
        int applied = apply(batch.entries());
        batchesReceived.incrementAndGet();
        entriesApplied.addAndGet(applied);
        replicationLagMillis = Math.max(0, clock.wallMillis() - batch.firstChangeMillis());
    }

    /**
     * A partition merged: count it and resend the whole table. Every member resends, not one per former side: views
     * can be asymmetric (a member excluded by the others while it still saw them keeps sending into the void, and
     * is no side's coordinator), and what it sent then exists only in its own table.
     */
    void merged() {
        mergeEvents.incrementAndGet();
        resendAll.set(true);
    }

    /** Writes every entry and tombstone (streamed: segment by segment), then an end marker. */
    void writeState(DataOutput out) throws IOException {
        long now = clock.wallMillis();
        for (Segment<Slot> segment : slots.segments()) {
            List<TableEntry> copy;
            synchronized (segment) {
                copy = new ArrayList<>(segment.size());
                segment.values().forEach(slot -> copy.add(slot.entry));
            }
            for (TableEntry entry : copy) {
                if (!entry.expiredAt(now)) {
                    out.writeBoolean(true);
                    TableWire.writeEntry(out, entry);
                }
            }
        }
        out.writeBoolean(false);
    }

    /** Reads what {@link #writeState} wrote, merging it in chunks; returns the entries read. */
    long readState(DataInput in) throws IOException {
        long read = 0;
        List<TableEntry> chunk = new ArrayList<>(settings.maxBatchEntries());
        while (in.readBoolean()) {
            chunk.add(TableWire.readEntry(in));
            read++;
            if (chunk.size() == settings.maxBatchEntries()) {
                entriesApplied.addAndGet(apply(chunk));
                chunk.clear();
            }
        }
        entriesApplied.addAndGet(apply(chunk));
        statesReceived.incrementAndGet();
        return read;
    }

    // ---- internals ----

    private int apply(List<TableEntry> entries) {
        long newest = 0;
        for (TableEntry entry : entries) {
            newest = Math.max(newest, entry.version().timestamp());
        }
        clock.observe(newest);
        long now = clock.wallMillis();
        List<TableEntry> changed = new ArrayList<>();
        for (TableEntry remote : entries) {
            Segment<Slot> segment = slots.segmentOf(remote.key());
            synchronized (segment) {
                Slot slot = segment.get(remote.key());
                TableEntry merged = slot == null ? remote : EntryMerge.merge(slot.entry, remote);
                if (slot != null && merged == slot.entry) {
                    if (slot.entry.version().equals(remote.version())) {
                        slot.markKnownAtLeast(remote);
                    }
                    continue;
                }
                if (merged.expiredAt(now)) {
                    if (slot != null) {
                        drop(segment, remote.key());
                    }
                    continue;
                }
                boolean sameWrite = slot != null && slot.entry.version().equals(remote.version());
                Slot stored = store(segment, remote.key(), merged);
                if (sameWrite) {
                    stored.markKnownAtLeast(remote);
                } else {
                    stored.markKnown(remote);
                }
                changed.add(merged);
            }
        }
        Consumer<TableEntry> listener = remoteChanges;
        for (TableEntry entry : changed) {
            try {
                listener.accept(entry);
            } catch (RuntimeException e) {
                LOG.error("table {}: listener failed on the change of {}", settings.name(), entry.key(), e);
            }
        }
        return changed.size();
    }

    /** Sets the entry of {@code key}, creating its slot if needed; keeps the tombstone count. Segment locked. */
    private Slot store(Segment<Slot> segment, String key, TableEntry entry) {
        Slot slot = segment.get(key);
        if (slot == null) {
            slot = new Slot(entry);
            if (entry.isTombstone()) {
                tombstones.incrementAndGet();
            }
            segment.put(key, slot);
            return slot;
        }
        if (slot.entry.isTombstone() != entry.isTombstone()) {
            tombstones.addAndGet(entry.isTombstone() ? 1 : -1);
        }
        slot.entry = entry;
        return slot;
    }

    private void drop(Segment<Slot> segment, String key) {
        Slot removed = segment.remove(key);
        if (removed != null && removed.entry.isTombstone()) {
            tombstones.decrementAndGet();
        }
    }

    /** The slot of {@code key} unless it expired (then it is dropped). Segment locked. */
    private Slot liveSlot(Segment<Slot> segment, String key, long now) {
        Slot slot = segment.get(key);
        if (slot != null && slot.entry.expiredAt(now)) {
            drop(segment, key);
            return null;
        }
        return slot;
    }

    private void markDirty(TableEntry entry, long now) {
        dirty.merge(entry.key(), entry, EntryMerge::merge);
        if (firstDirtyMillis.get() == 0) {
            firstDirtyMillis.compareAndSet(0, now);
        }
    }

    private List<TableEntry> snapshot() {
        List<TableEntry> all = new ArrayList<>();
        for (Segment<Slot> segment : slots.segments()) {
            synchronized (segment) {
                segment.values().forEach(slot -> all.add(slot.entry));
            }
        }
        return all;
    }

    /** On the table's thread: sends the changed entries, and after a merge the whole table. */
    private void flush() {
        try {
            if (resendAll.getAndSet(false)) {
                List<TableEntry> all = snapshot();
                LOG.info("table {}: resending all {} entries after a merge", settings.name(), all.size());
                unsent.addAndGet(all.size());
                sendInBatches(all, clock.wallMillis());
            }
            if (dirty.isEmpty()) {
                return;
            }
            long firstChange = firstDirtyMillis.getAndSet(0);
            List<TableEntry> changed = new ArrayList<>();
            for (Map.Entry<String, TableEntry> pending : dirty.entrySet()) {
                changed.add(pending.getValue());
                unsent.incrementAndGet(); // before leaving dirty: the change always counts as pending
                // Only if unchanged meanwhile: a newer change of the key stays for the next round.
                dirty.remove(pending.getKey(), pending.getValue());
            }
            sendInBatches(changed, firstChange == 0 ? clock.wallMillis() : firstChange);
        } catch (RuntimeException e) {
            LOG.error("table {}: replication round failed", settings.name(), e);
        }
    }

    /** Hands the entries to the channel in batches; each counted in {@link #unsent} until handed over. */
    private void sendInBatches(List<TableEntry> entries, long firstChange) {
        int max = settings.maxBatchEntries();
        for (int from = 0; from < entries.size(); from += max) {
            List<TableEntry> batch = entries.subList(from, Math.min(entries.size(), from + max));
            try {
                sender.send(TableWire.encodeBatch(settings.name(), firstChange, batch));
                batchesSent.incrementAndGet();
                entriesSent.addAndGet(batch.size());
            } catch (Exception e) {
                batch.forEach(entry -> markDirty(entry, firstChange));
                long now = clock.wallMillis();
                if (now - lastSendErrorLogMillis >= PROBLEM_LOG_MILLIS) {
                    lastSendErrorLogMillis = now;
                    LOG.error("table {}: cannot send {} changed entries to the cluster, retrying: {}",
                            settings.name(), batch.size(), e.toString());
                }
            } finally {
                unsent.addAndGet(-batch.size());
            }
        }
    }

    /** On the table's thread, every sweep: drops expired entries, sends uses others need before expiry, rates. */
    private void sweep() {
        try {
            long now = clock.wallMillis();
            List<TableEntry> due = new ArrayList<>();
            for (Segment<Slot> segment : slots.segments()) {
                synchronized (segment) {
                    Iterator<Map.Entry<String, Slot>> it = segment.entrySet().iterator();
                    while (it.hasNext()) {
                        Map.Entry<String, Slot> mapping = it.next();
                        Slot slot = mapping.getValue();
                        if (slot.entry.expiredAt(now)) {
                            it.remove();
                            if (slot.entry.isTombstone()) {
                                tombstones.decrementAndGet();
                            }
                        } else if (slot.entry.lastUsedMillis() > slot.knownLastUsed
                                && slot.knownExpiresAt - now <= EXPIRY_FLUSH_MARGIN_MILLIS) {
                            slot.markKnown(slot.entry);
                            due.add(slot.entry);
                        }
                    }
                }
            }
            due.forEach(entry -> markDirty(entry, now));
            long batches = batchesSent.get() + batchesReceived.get();
            batchesPerSecond = (batches - batchesAtLastSweep) * 1000.0 / Math.max(1, now - lastSweepMillis);
            batchesAtLastSweep = batches;
            lastSweepMillis = now;
            logEvictions(now);
        } catch (RuntimeException e) {
            LOG.error("table {}: sweep failed", settings.name(), e);
        }
    }

    private void logEvictions(long now) {
        long evicted = slots.evictions();
        if (evicted > evictionsLogged && now - lastEvictionLogMillis >= PROBLEM_LOG_MILLIS) {
            LOG.warn("table {}: evicted {} least recently used entries ({} in total) to stay within {} entries; "
                    + "raise the bound if these are still needed", settings.name(), evicted - evictionsLogged,
                    evicted, settings.maxEntries());
            evictionsLogged = evicted;
            lastEvictionLogMillis = now;
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > TableWire.MAX_KEY_CHARS) {
            throw new IllegalArgumentException("table keys must have 1-" + TableWire.MAX_KEY_CHARS
                    + " characters, got " + (key == null ? "null" : key.length()));
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** An entry and what every member is known to have of it (so uses are replicated only when due). */
    private static final class Slot {
        TableEntry entry;
        long knownLastUsed;
        long knownExpiresAt;

        Slot(TableEntry entry) {
            this.entry = entry;
        }

        void markKnown(TableEntry sent) {
            knownLastUsed = sent.lastUsedMillis();
            knownExpiresAt = sent.expiresAtMillis();
        }

        void markKnownAtLeast(TableEntry received) {
            knownLastUsed = Math.max(knownLastUsed, received.lastUsedMillis());
            knownExpiresAt = Math.max(knownExpiresAt, received.expiresAtMillis());
        }
    }
}
