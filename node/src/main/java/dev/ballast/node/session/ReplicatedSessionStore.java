package dev.ballast.node.session;

import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableEntry;
import dev.ballast.node.config.StickyConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The sessions of one backend in a {@link ReplicatedTable} that every cluster member shares (one table serves all
 * backends: keys are "backend/address"). New and re-stuck sessions are sent to the other members within a few
 * milliseconds; uses only once the last use they know is older than a quarter of max-idle (the table's touch
 * fraction), and in any case before their copy would expire, so a busy session costs a message per max-idle/4 at
 * most. Each entry carries its absolute expiry (the earlier of last use + max-idle and creation + max-life), so
 * every member forgets a session at the same moment. {@link #size} counts this backend's sessions (a scan of the
 * table: for the admin API, not per request); evictions are the shared table's.
 */
public final class ReplicatedSessionStore implements SessionStore {

    private final ReplicatedTable table;
    private final String keyPrefix;
    private final long maxIdleMillis;
    private final long maxLifeMillis;
    private final Clock clock;

    /**
     * @param table   the shared sessions table (the node registers it with its ClusterMember before joining)
     * @param backend the backend whose sessions this store holds (its keys start with "backend/")
     * @param maxIdle a session unused this long is forgotten (zero: never for idleness)
     * @param maxLife a session older than this is forgotten (zero: no limit)
     * @param clock   wall-clock time; must be the time the table's clock follows
     */
    public ReplicatedSessionStore(ReplicatedTable table, String backend, Duration maxIdle, Duration maxLife,
            Clock clock) {
        if (maxIdle.isNegative() || maxLife.isNegative()) {
            throw new IllegalArgumentException("sticky max-idle and max-life must not be negative");
        }
        this.table = table;
        this.keyPrefix = backend + "/";
        this.maxIdleMillis = maxIdle.toMillis();
        this.maxLifeMillis = maxLife.toMillis();
        this.clock = clock;
    }

    public static ReplicatedSessionStore of(ReplicatedTable table, String backend, StickyConfig config, Clock clock) {
        return new ReplicatedSessionStore(table, backend, config.maxIdle(), config.maxLife(), clock);
    }

    @Override
    public StickySession get(String key) {
        return live(table.get(key), clock.millis());
    }

    @Override
    public StickySession touch(String key) {
        long now = clock.millis();
        StickySession session = live(table.get(key), now);
        if (session == null) {
            return null;
        }
        TableEntry used = table.touch(key, now, expiresAt(session.createdMillis(), now));
        return used == null ? null : decode(used);
    }

    @Override
    public StickySession put(String key, String serverName) {
        long now = clock.millis();
        table.put(key, encode(serverName, now), expiresAt(now, now));
        return new StickySession(serverName, now, now);
    }

    @Override
    public boolean expire(String key) {
        return table.remove(key);
    }

    @Override
    public int purgeExpired() {
        return table.purgeExpired();
    }

    @Override
    public int size() {
        return (int) table.entries().stream().filter(entry -> entry.key().startsWith(keyPrefix)).count();
    }

    @Override
    public long evictions() {
        return table.evictions();
    }

    /** The session, unless this store's limits (which a reload may have shortened) say it is over. */
    private StickySession live(TableEntry entry, long now) {
        if (entry == null) {
            return null;
        }
        StickySession session = decode(entry);
        return now >= expiresAt(session.createdMillis(), session.lastUsedMillis()) ? null : session;
    }

    private long expiresAt(long createdMillis, long lastUsedMillis) {
        long byIdle = maxIdleMillis > 0 ? lastUsedMillis + maxIdleMillis : Long.MAX_VALUE;
        long byLife = maxLifeMillis > 0 ? createdMillis + maxLifeMillis : Long.MAX_VALUE;
        return Math.min(byIdle, byLife);
    }

    private static byte[] encode(String serverName, long createdMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + serverName.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(createdMillis);
            out.writeUTF(serverName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the session for " + serverName, e);
        }
        return bytes.toByteArray();
    }

    private static StickySession decode(TableEntry entry) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry.value()))) {
            long created = in.readLong();
            return new StickySession(in.readUTF(), created, entry.lastUsedMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("undecodable session " + entry, e);
        }
    }
}
