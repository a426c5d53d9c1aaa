package dev.ballast.node.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.concurrent.TimeUnit;

/**
 * The timers of one backend's checks (when each starts, when each times out) on a grid of
 * {@link #SLOT_NANOS}, on one event loop: everything due in one slot runs from one task of the loop's scheduler,
 * and a timer is never cancelled (its task finds it has nothing left to do). A thousand servers checked every
 * second then cost the loop a hundred scheduler tasks a second instead of two thousand schedules and a thousand
 * cancels on a queue of thousands, and wake it a hundred times a second. A timer runs late by less than one slot
 * (1% of a 1 s interval), on top of the checks' jitter. Confined to its event loop.
 */
final class CheckTimer {

    private static final Logger LOG = LogManager.getLogger(CheckTimer.class);
    /** The grid: timers due within one step run together. */
    static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How far ahead the wheel reaches (about 10 s); a later timer waits on the loop's scheduler until it is near. */
    private static final int SLOTS = 1024;

    private final EventLoop loop;
    private final SlotWheel wheel = new SlotWheel(SLOTS);
    private final Runnable tick = this::tick;
    private ScheduledFuture<?> scheduled;
    private long scheduledSlot = Long.MAX_VALUE;
    /** Running due timers: what they add is scheduled once they are done. */
    private boolean ticking;
    private boolean closed;

    CheckTimer(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs {@code task} on the loop at the first slot boundary at or after {@code dueNanos} (System.nanoTime()). */
    void at(long dueNanos, Runnable task) {
        if (closed) {
            return;
        }
        long nowNanos = System.nanoTime();
        long slot = slotAtOrAfter(dueNanos);
        if (!wheel.add(slot, Math.floorDiv(nowNanos, SLOT_NANOS), task)) {
            long nearNanos = dueNanos - SLOTS / 2 * SLOT_NANOS; // back on the wheel once within its reach
            loop.schedule(() -> at(dueNanos, task), nearNanos - nowNanos, TimeUnit.NANOSECONDS);
            return;
        }
        if (!ticking && slot < scheduledSlot) {
            schedule(wheel.firstSlot(), nowNanos); // the slot the task went to, or an earlier one not run yet
        }
    }

    /** The slot whose start is the first boundary of the grid at or after {@code nanos}. */
    static long slotAtOrAfter(long nanos) {
        return Math.floorDiv(nanos + SLOT_NANOS - 1, SLOT_NANOS);
    }

    /** Drops every timer; later ones are ignored. */
    void close() {
        closed = true;
        wheel.clear();
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        scheduledSlot = Long.MAX_VALUE;
    }

    private void tick() {
        scheduled = null;
        scheduledSlot = Long.MAX_VALUE;
        ticking = true;
        try {
            wheel.runDue(Math.floorDiv(System.nanoTime(), SLOT_NANOS));
        } catch (RuntimeException e) {
            LOG.error("a health-check timer failed; the other checks go on", e);
        } finally {
            ticking = false;
            long next = wheel.firstSlot();
            if (next != Long.MAX_VALUE && !closed) {
                schedule(next, System.nanoTime());
            }
        }
    }

    private void schedule(long slot, long nowNanos) {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduledSlot = slot;
        scheduled = loop.schedule(tick, Math.max(0, slot * SLOT_NANOS - nowNanos), TimeUnit.NANOSECONDS);
    }
}
