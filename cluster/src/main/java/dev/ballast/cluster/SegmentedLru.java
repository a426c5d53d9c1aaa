package dev.ballast.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A bounded map of string keys split into up to 16 segments, each an access-ordered map that callers lock
 * ({@code synchronized} on the {@link Segment}) while they use it, so threads working on different keys rarely wait
 * on one another. Each segment holds its share of the bound and evicts its least recently used entry beyond it
 * (small bounds have one segment and so exact LRU). The replicated table and the node's local sticky-session store
 * keep their entries in one.
 *
 * @param <V> the values
 */
public final class SegmentedLru<V> {

    private static final int MAX_SEGMENTS = 16;
    private static final int ENTRIES_PER_SEGMENT = 1_024;

    private final List<Segment<V>> segments;
    private final LongAdder evictions = new LongAdder();

    /**
     * @param maxEntries entries kept at most (>= 1)
     * @param onEvict    told of each evicted value, under its segment's lock (so it must be quick)
     */
    public SegmentedLru(int maxEntries, Consumer<? super V> onEvict) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("max entries must be >= 1, got " + maxEntries);
        }
        Objects.requireNonNull(onEvict, "onEvict");
        int count = Integer.highestOneBit(Math.max(1, Math.min(MAX_SEGMENTS, maxEntries / ENTRIES_PER_SEGMENT)));
        List<Segment<V>> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int capacity = maxEntries / count + (i < maxEntries % count ? 1 : 0);
            created.add(new Segment<>(capacity, evicted -> {
                evictions.increment();
                onEvict.accept(evicted);
            }));
        }
        segments = List.copyOf(created);
    }

    /** Without anything to do on eviction beyond counting it. */
    public SegmentedLru(int maxEntries) {
        this(maxEntries, evicted -> { });
    }

    /** The segment of {@code key}, by its String.hashCode: local only, never shared with other nodes. */
    public Segment<V> segmentOf(String key) {
        int h = key.hashCode();
        return segments.get((h ^ (h >>> 16)) & (segments.size() - 1));
    }

    /** Every segment (a power of two of them), to visit all entries: lock each while visiting it. */
    public List<Segment<V>> segments() {
        return segments;
    }

    /** Entries held now, counted segment by segment (each locked in turn). */
    public int size() {
        int size = 0;
        for (Segment<V> segment : segments) {
            synchronized (segment) {
                size += segment.size();
            }
        }
        return size;
    }

    /** Entries evicted so far, in all segments. */
    public long evictions() {
        return evictions.sum();
    }

    /** An access-ordered map that evicts its eldest entry beyond its capacity. Lock it to use it. */
    public static final class Segment<V> extends LinkedHashMap<String, V> {

        private static final long serialVersionUID = 1L;
        private final int capacity;
        private final transient Consumer<V> onEvict;

        private Segment(int capacity, Consumer<V> onEvict) {
            super(16, 0.75f, true);
            this.capacity = capacity;
            this.onEvict = onEvict;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            if (size() > capacity) {
                onEvict.accept(eldest.getValue());
                return true;
            }
            return false;
        }
    }
}
