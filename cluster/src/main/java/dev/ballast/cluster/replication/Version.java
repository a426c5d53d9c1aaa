package dev.ballast.cluster.replication;

import java.util.Objects;

/**
 * Which write produced an entry: a {@link HybridClock} timestamp of the member that made it, and that member's name.
 * Versions are totally ordered (timestamp, then origin), so every member picks the same winner between two writes.
 * One member never issues the same timestamp twice, so equal versions mean the same write.
 */
public record Version(long timestamp, String origin) implements Comparable<Version> {

    public Version {
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public int compareTo(Version other) {
        int byTime = Long.compare(timestamp, other.timestamp);
        return byTime != 0 ? byTime : origin.compareTo(other.origin);
    }

    /** Wall-clock milliseconds at which the write was made (by the origin's clock). */
    public long millis() {
        return HybridClock.millisOf(timestamp);
    }

    @Override
    public String toString() {
        return origin + "@" + millis() + "." + (timestamp & HybridClock.LOGICAL_MASK);
    }
}
