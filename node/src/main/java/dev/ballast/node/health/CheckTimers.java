package dev.ballast.node.health;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one backend's checks (when each starts, when each times out), kept on a grid of
 * {@link CheckIntervals#SLOT_NANOS} on one event loop: everything due in one slot runs from one task of the loop's
 * scheduler. A thousand checks a second then cost the loop a couple of hundred timer operations a second instead of
 * two thousand schedules and a thousand cancels, each on a queue of thousands. A timer is never cancelled: its
 * task finds out that it has nothing left to do. Confined to the event loop.
 */
final class CheckTimers {

    private final EventLoop loop;
    /** Tasks by the slot (nanoTime / SLOT_NANOS) they are due in; each slot present has one scheduled run. */
    private final Map<Long, List<Runnable>> slots = new HashMap<>();

    CheckTimers(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs {@code task} on the loop at the first slot boundary at least {@code delayNanos} from now. */
    void schedule(Runnable task, long delayNanos) {
        long now = System.nanoTime();
        long aligned = CheckIntervals.alignedDelayNanos(now, delayNanos);
        long slot = Math.floorDiv(now + aligned, CheckIntervals.SLOT_NANOS);
        List<Runnable> due = slots.get(slot);
        if (due == null) {
            due = new ArrayList<>();
            slots.put(slot, due);
            loop.schedule(() -> runSlot(slot), aligned, TimeUnit.NANOSECONDS);
        }
        due.add(task);
    }

    private void runSlot(long slot) {
        for (Runnable task : slots.remove(slot)) {
            task.run();
        }
    }
}
