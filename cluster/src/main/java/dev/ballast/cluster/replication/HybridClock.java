package dev.ballast.cluster.replication;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: wall-clock milliseconds in the high 48 bits, a counter in the low 16. Each timestamp it
 * issues is greater than every earlier one and than every timestamp {@link #observe observed} from other members,
 * so a write made after seeing another member's write always wins over it, even if the wall clocks disagree a bit;
 * otherwise timestamps follow wall-clock time. Thread-safe, lock-free.
 */
public final class HybridClock {

    static final int LOGICAL_BITS = 16;
    static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;

    private final LongSupplier wallMillis;
    private final AtomicLong last = new AtomicLong();

    public HybridClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** A new timestamp for a local write. */
    public long tick() {
        long physical = wallMillis.getAsLong() << LOGICAL_BITS;
        return last.updateAndGet(previous -> Math.max(previous + 1, physical));
    }

    /** Takes a timestamp seen in another member's write into account. */
    public void observe(long remoteTimestamp) {
        last.accumulateAndGet(remoteTimestamp, Math::max);
    }

    /** Wall-clock milliseconds of a timestamp. */
    public static long millisOf(long timestamp) {
        return timestamp >>> LOGICAL_BITS;
    }

    /** Wall-clock time of this clock's source, in milliseconds. */
    public long wallMillis() {
        return wallMillis.getAsLong();
    }
}
