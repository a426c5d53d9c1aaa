package dev.ballast.node.cluster;

import java.time.Duration;

/**
 * Keeps a starting node from claiming VIPs while it is alone in its view, until the other members had a chance
 * to be found. A node whose join went unanswered (peers starting at the same moment, or busy) founds a cluster of
 * one; claiming at once would put the VIP on two nodes until the partitions merge. Like keepalived starting in
 * BACKUP, it waits: until a view with another member arrives (then the election decides), or until it has been
 * alone for the whole hold (then it is alone indeed). Used from one thread at a time.
 */
final class StartupHold {

    private final Duration length;
    private boolean over;
    private boolean alone;
    private long aloneSinceNanos;

    StartupHold(Duration length) {
        this.length = length;
    }

    /**
     * Whether the node must still hold back; once it need not, it never holds back again.
     *
     * @param viewSize members in the node's view, 0 before it has one
     */
    boolean holding(long nowNanos, int viewSize) {
        if (over) {
            return false;
        }
        if (viewSize > 1) {
            over = true;
        } else if (viewSize == 1) {
            if (!alone) {
                alone = true;
                aloneSinceNanos = nowNanos;
            }
            over = nowNanos - aloneSinceNanos >= length.toNanos();
        }
        return !over;
    }

    String describe() {
        return "joining: waiting up to " + length.toMillis() + " ms for the other members before claiming VIPs "
                + "alone";
    }
}
