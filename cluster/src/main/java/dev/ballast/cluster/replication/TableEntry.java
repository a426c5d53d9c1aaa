package dev.ballast.cluster.replication;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a {@link ReplicatedTable}, immutable. A null value is a tombstone: the key was removed by the write
 * {@code version}, and the tombstone keeps that removal from being undone by an older copy until it expires.
 *
 * @param key             the entry's key
 * @param value           the value's bytes (never modified after creation), or null for a tombstone
 * @param version         the write that set this value (or removed it)
 * @param lastUsedMillis  when the entry was last used (wall clock); uses do not change the version
 * @param expiresAtMillis when every member forgets the entry (wall clock); {@link Long#MAX_VALUE} for never
 */
public record TableEntry(String key, byte[] value, Version version, long lastUsedMillis, long expiresAtMillis) {

    public TableEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
    }

    public boolean isTombstone() {
        return value == null;
    }

    public boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** The same write, used later: last use and expiry only move forward. */
    public TableEntry usedAt(long lastUsed, long expiresAt) {
        long newLastUsed = Math.max(lastUsedMillis, lastUsed);
        long newExpiresAt = Math.max(expiresAtMillis, expiresAt);
        if (newLastUsed == lastUsedMillis && newExpiresAt == expiresAtMillis) {
            return this;
        }
        return new TableEntry(key, value, version, newLastUsed, newExpiresAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableEntry e && key.equals(e.key) && Arrays.equals(value, e.value)
                && version.equals(e.version) && lastUsedMillis == e.lastUsedMillis
                && expiresAtMillis == e.expiresAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), version, lastUsedMillis, expiresAtMillis);
    }

    @Override
    public String toString() {
        return key + "=" + (value == null ? "<tombstone>" : value.length + " bytes") + " " + version
                + " used " + lastUsedMillis + " expires " + expiresAtMillis;
    }
}
