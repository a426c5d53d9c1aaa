package dev.ballast.node.session;

import dev.ballast.node.config.StickyConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, in-memory {@link SessionStore}. Entries live in up to 16 segments, each an access-ordered map under
 * its own lock, so event loops rarely wait on one another; each segment evicts its least recently used entry when
 * full (small stores have one segment and so exact LRU). Expiry is checked on access and by {@link #purgeExpired}.
 */
public final class LocalSessionStore implements SessionStore {

    private static final int MAX_SEGMENTS = 16;
    private static final int ENTRIES_PER_SEGMENT = 1024;

    private final Clock clock;
    private final long maxIdleMillis;
    private final long maxLifeMillis;
    private final Segment[] segments;
    private final LongAdder evictions = new LongAdder();

    /**
     * @param maxEntries sessions kept at most (>= 1)
     * @param maxIdle    a session unused this long is forgotten (zero: never for idleness)
     * @param maxLife    a session older than this is forgotten (zero: no limit)
     * @param clock      wall-clock time of the sessions
     */
    public LocalSessionStore(int maxEntries, Duration maxIdle, Duration maxLife, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("sticky max-entries must be >= 1, got " + maxEntries);
        }
        if (maxIdle.isNegative() || maxLife.isNegative()) {
            throw new IllegalArgumentException("sticky max-idle and max-life must not be negative");
        }
        this.clock = clock;
        this.maxIdleMillis = maxIdle.toMillis();
        this.maxLifeMillis = maxLife.toMillis();
        int count = Integer.highestOneBit(Math.max(1, Math.min(MAX_SEGMENTS, maxEntries / ENTRIES_PER_SEGMENT)));
        segments = new Segment[count];
        for (int i = 0; i < count; i++) {
            segments[i] = new Segment(maxEntries / count + (i < maxEntries % count ? 1 : 0));
        }
    }

    public static LocalSessionStore of(StickyConfig config, Clock clock) {
        return new LocalSessionStore(config.maxEntries(), config.maxIdle(), config.maxLife(), clock);
    }

    @Override
    public StickySession get(String key) {
        Segment segment = segmentOf(key);
        synchronized (segment) {
            return liveOrDrop(segment, key, clock.millis());
        }
    }

    @Override
    public StickySession touch(String key) {
        Segment segment = segmentOf(key);
        long now = clock.millis();
        synchronized (segment) {
            StickySession session = liveOrDrop(segment, key, now);
            if (session == null) {
                return null;
            }
            StickySession touched = session.touched(now);
            segment.put(key, touched);
            return touched;
        }
    }

    @Override
    public StickySession put(String key, String serverName) {
        long now = clock.millis();
        StickySession session = new StickySession(serverName, now, now);
        Segment segment = segmentOf(key);
        synchronized (segment) {
            segment.put(key, session);
        }
        return session;
    }

    @Override
    public boolean expire(String key) {
        Segment segment = segmentOf(key);
        synchronized (segment) {
            return segment.remove(key) != null;
        }
    }

    @Override
    public int purgeExpired() {
        long now = clock.millis();
        int purged = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                Iterator<StickySession> it = segment.values().iterator();
                while (it.hasNext()) {
                    if (expired(it.next(), now)) {
                        it.remove();
                        purged++;
                    }
                }
            }
        }
        return purged;
    }

    @Override
    public int size() {
        int size = 0;
        for (Segment segment : segments) {
            synchronized (segment) {
                size += segment.size();
            }
        }
        return size;
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    private StickySession liveOrDrop(Segment segment, String key, long now) {
        StickySession session = segment.get(key);
        if (session != null && expired(session, now)) {
            segment.remove(key);
            return null;
        }
        return session;
    }

    private boolean expired(StickySession session, long now) {
        return (maxIdleMillis > 0 && now - session.lastUsedMillis() >= maxIdleMillis)
                || (maxLifeMillis > 0 && now - session.createdMillis() >= maxLifeMillis);
    }

    /** Segments by the key's String.hashCode: local only, never shared with other nodes. */
    private Segment segmentOf(String key) {
        int h = key.hashCode();
        return segments[(h ^ (h >>> 16)) & (segments.length - 1)];
    }

    /** An access-ordered map that evicts its eldest entry beyond its capacity, counting it. */
    private final class Segment extends LinkedHashMap<String, StickySession> {

        private static final long serialVersionUID = 1L;
        private final int capacity;

        Segment(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StickySession> eldest) {
            if (size() > capacity) {
                evictions.increment();
                return true;
            }
            return false;
        }
    }
}
