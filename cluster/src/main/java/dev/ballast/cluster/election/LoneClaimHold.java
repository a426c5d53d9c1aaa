package dev.ballast.cluster.election;

/**
 * When a member alone in its view may claim VIPs. Being alone has two causes that look the same from inside: the
 * others failed, or this member is cut off from them (a partition, or a start that founded a cluster of its own
 * because the peers' answers came late). A member that could serve while the others left took over or kept the
 * VIPs at once (failover). A member that becomes able to serve while already alone (just started, regained its
 * tiebreaker or data plane, a step-back ended) waits for the merge window first, like a keepalived BACKUP waits
 * for the master's adverts: if the others are there, the partitions merge meanwhile and the election decides
 * among all of them, instead of a second VIP holder appearing until the merge.
 * <p>
 * Not thread-safe: used from the election thread only. Times in {@link System#nanoTime()} units.
 */
public final class LoneClaimHold {

    private final long windowNanos;
    /** Could serve without a break since it last shared a view with others. */
    private boolean servingSinceOthersLeft;
    private boolean holding;
    private long holdingSinceNanos;

    /** @param windowMillis how long a member that became able to serve while alone waits for a merge */
    public LoneClaimHold(long windowMillis) {
        this.windowNanos = windowMillis * 1_000_000;
    }

    /**
     * Whether the member must not claim VIPs now.
     *
     * @param viewSize members in its view, itself included
     * @param able     whether it could hold VIPs now (eligible, with quorum, not stepped back, not leaving)
     */
    public boolean holding(long nowNanos, int viewSize, boolean able) {
        if (viewSize > 1 || !able) {
            servingSinceOthersLeft = viewSize > 1 && able;
            holding = false;
            return false;
        }
        if (servingSinceOthersLeft) {
            return false;
        }
        if (!holding) {
            holding = true;
            holdingSinceNanos = nowNanos;
        }
        if (nowNanos - holdingSinceNanos >= windowNanos) {
            servingSinceOthersLeft = true;
            holding = false;
            return false;
        }
        return true;
    }

    /** Nanoseconds until a hold in progress ends (0 when not holding). */
    public long remainingNanos(long nowNanos) {
        return holding ? Math.max(0, holdingSinceNanos + windowNanos - nowNanos) : 0;
    }

    public long windowMillis() {
        return windowNanos / 1_000_000;
    }
}
