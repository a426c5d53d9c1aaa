package dev.ballast.node.proxy;

import java.util.ArrayDeque;

/**
 * A server's {@code maxconn}: at most that many requests in flight on it from this node; the others wait in
 * arrival order (HAProxy's server queue). Shared by all event loops, so guarded by a lock; a server without a
 * limit never takes it.
 */
public final class ServerSlots {

    /** A queued request. {@link #slotGranted()} is called from whichever thread released the slot. */
    public interface Waiter {
        void slotGranted();
    }

    private final int max;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int active;

    /** @param max concurrent requests allowed, 0 = unlimited */
    public ServerSlots(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxconn must be >= 0, got " + max);
        }
        this.max = max;
    }

    /**
     * Takes a slot now, or queues the waiter behind those already waiting.
     *
     * @return true when the slot was taken at once; false when the waiter was queued and will be granted later
     */
    public boolean acquireOrQueue(Waiter waiter) {
        if (max == 0) {
            return true;
        }
        synchronized (this) {
            if (active < max && queue.isEmpty()) {
                active++;
                return true;
            }
            queue.addLast(waiter);
            return false;
        }
    }

    /**
     * Withdraws a queued waiter (queue timeout, client gone).
     *
     * @return false when it was no longer queued: its slot was granted meanwhile and must be released
     */
    public boolean cancel(Waiter waiter) {
        synchronized (this) {
            return queue.remove(waiter);
        }
    }

    /** Returns a slot: hands it straight to the longest-waiting request, if any. */
    public void release() {
        if (max == 0) {
            return;
        }
        Waiter next;
        synchronized (this) {
            next = queue.pollFirst();
            if (next == null) {
                active--;
            }
        }
        if (next != null) {
            next.slotGranted();
        }
    }

    /** Requests waiting for a slot now. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Slots taken now. */
    public synchronized int active() {
        return active;
    }
}
