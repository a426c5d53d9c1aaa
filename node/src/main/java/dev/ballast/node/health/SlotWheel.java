package dev.ballast.node.health;

import java.util.Arrays;

/**
 * Tasks waiting for a numbered time slot, a bounded number of slots ahead: adding is one array store, and running a
 * slot runs everything in it. Nothing is ever removed: a task that no longer has anything to do (a check that ended
 * before its deadline) checks that itself when it runs. Not thread-safe.
 */
final class SlotWheel {

    private final Runnable[][] buckets;
    private final int[] counts;
    /** An emptied bucket's array, reused for the next bucket being run. */
    private Runnable[] spare = new Runnable[8];
    /** The first slot not run yet. */
    private long nextSlot = Long.MIN_VALUE;
    private int pending;

    /** @param slots how many slots ahead of the first one not run yet a task can be added */
    SlotWheel(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a slot wheel needs at least one slot, got " + slots);
        }
        buckets = new Runnable[slots][];
        counts = new int[slots];
        for (int i = 0; i < slots; i++) {
            buckets[i] = new Runnable[8];
        }
    }

    /**
     * Adds {@code task} to run in {@code slot}, or in the first slot not run yet if {@code slot} is earlier.
     *
     * @param nowSlot the current slot: an empty wheel moves its first slot there
     * @return false, adding nothing, when {@code slot} is too far ahead for the wheel
     */
    boolean add(long slot, long nowSlot, Runnable task) {
        if (pending == 0 && nextSlot < nowSlot) {
            nextSlot = nowSlot;
        }
        long at = Math.max(slot, nextSlot);
        if (at - nextSlot >= buckets.length) {
            return false;
        }
        int i = index(at);
        Runnable[] bucket = buckets[i];
        if (counts[i] == bucket.length) {
            bucket = buckets[i] = Arrays.copyOf(bucket, bucket.length * 2);
        }
        bucket[counts[i]++] = task;
        pending++;
        return true;
    }

    /**
     * Runs, in slot order, the tasks of every slot up to and including {@code nowSlot}. A task added meanwhile for
     * one of those slots runs in the first slot after the one being run. A task that throws does not keep the others
     * from running: the first exception is thrown once all have run.
     */
    void runDue(long nowSlot) {
        RuntimeException failure = null;
        while (pending > 0 && nextSlot <= nowSlot) {
            int i = index(nextSlot);
            Runnable[] tasks = buckets[i];
            int count = counts[i];
            buckets[i] = spare;
            counts[i] = 0;
            nextSlot++;
            pending -= count;
            for (int k = 0; k < count; k++) {
                Runnable task = tasks[k];
                tasks[k] = null;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            spare = tasks;
        }
        if (pending == 0 && nextSlot <= nowSlot) {
            nextSlot = nowSlot + 1;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The first slot holding a task, or {@link Long#MAX_VALUE} when there is none. */
    long firstSlot() {
        if (pending == 0) {
            return Long.MAX_VALUE;
        }
        for (long slot = nextSlot; ; slot++) {
            if (counts[index(slot)] > 0) {
                return slot;
            }
        }
    }

    /** Drops every task. */
    void clear() {
        for (int i = 0; i < buckets.length; i++) {
            Arrays.fill(buckets[i], 0, counts[i], null);
            counts[i] = 0;
        }
        pending = 0;
    }

    private int index(long slot) {
        return (int) Math.floorMod(slot, (long) buckets.length);
    }
}
