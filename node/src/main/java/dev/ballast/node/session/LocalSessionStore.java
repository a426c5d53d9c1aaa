package dev.ballast.node.session;

import dev.ballast.cluster.SegmentedLru;
import dev.ballast.cluster.SegmentedLru.Segment;
import dev.ballast.node.config.StickyConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;

/**
 * A bounded, in-memory {@link SessionStore}. Entries live in a {@link SegmentedLru}: up to 16 segments, each an
 * access-ordered map under its own lock, so event loops rarely wait on one another; each segment evicts its least
 * recently used entry when full. Expiry is checked on access and by {@link #purgeExpired}.
 */
public final class LocalSessionStore implements SessionStore {

    private final Clock clock;
    private final long maxIdleMillis;
    private final long maxLifeMillis;
    private final SegmentedLru<StickySession> sessions;

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
        this.sessions = new SegmentedLru<>(maxEntries);
    }

    public static LocalSessionStore of(StickyConfig config, Clock clock) {
        return new LocalSessionStore(config.maxEntries(), config.maxIdle(), config.maxLife(), clock);
    }

    @Override
    public StickySession get(String key) {
        Segment<StickySession> segment = sessions.segmentOf(key);
        synchronized (segment) {
            return liveOrDrop(segment, key, clock.millis());
        }
    }

    @Override
    public StickySession touch(String key) {
        Segment<StickySession> segment = sessions.segmentOf(key);
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
        Segment<StickySession> segment = sessions.segmentOf(key);
        synchronized (segment) {
            segment.put(key, session);
        }
        return session;
    }

    @Override
    public boolean expire(String key) {
        Segment<StickySession> segment = sessions.segmentOf(key);
        synchronized (segment) {
            return segment.remove(key) != null;
        }
    }

    @Override
    public int purgeExpired() {
        long now = clock.millis();
        int purged = 0;
        for (Segment<StickySession> segment : sessions.segments()) {
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
        return sessions.size();
    }

    @Override
    public long evictions() {
        return sessions.evictions();
    }

    private StickySession liveOrDrop(Segment<StickySession> segment, String key, long now) {
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
}
