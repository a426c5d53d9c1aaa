package dev.ballast.node.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one frontend, backend or server. Every update is a {@link LongAdder} increment or a
 * wait-free histogram record, safe from any event loop; {@link #snapshot} and {@link #tick} are for the readers and
 * the stats ticker.
 */
public final class TrafficCounters {

    private static final StatusClass[] STATUS_CLASSES = StatusClass.values();
    private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();

    private final String name;
    private final LongAdder requests = new LongAdder();
    private final LongAdder active = new LongAdder();
    private final LongAdder[] responses = adders(STATUS_CLASSES.length);
    private final LongAdder[] errors = adders(ERROR_KINDS.length);
    private final LatencyTracker latency;
    /** Guarded by itself. */
    private final RateWindow rate;

    /**
     * @param windowTicks how many stats ticks the request rate and the latency percentiles cover
     */
    TrafficCounters(String name, int windowTicks) {
        this.name = name;
        this.latency = new LatencyTracker(windowTicks);
        this.rate = new RateWindow(windowTicks + 1);
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    public String name() {
        return name;
    }

    /** A request begins here: it counts as a request and is active until {@link #requestEnded()}. */
    public void requestStarted() {
        requests.increment();
        active.increment();
    }

    /** Exactly once for each {@link #requestStarted()}. */
    public void requestEnded() {
        active.decrement();
    }

    public void response(int status) {
        responses[StatusClass.of(status).ordinal()].increment();
    }

    public void error(ErrorKind kind) {
        errors[kind.ordinal()].increment();
    }

    public void latency(long micros) {
        latency.record(micros);
    }

    /** Samples the request total for the rate and starts a new tick of the latency window. */
    void tick(long nowNanos) {
        synchronized (rate) {
            rate.sample(nowNanos, requests.sum());
        }
        latency.advance();
    }

    public TrafficSnapshot snapshot() {
        Map<StatusClass, Long> responseCounts = new EnumMap<>(StatusClass.class);
        for (StatusClass statusClass : STATUS_CLASSES) {
            responseCounts.put(statusClass, responses[statusClass.ordinal()].sum());
        }
        Map<ErrorKind, Long> errorCounts = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ERROR_KINDS) {
            errorCounts.put(kind, errors[kind.ordinal()].sum());
        }
        double perSecond;
        synchronized (rate) {
            perSecond = rate.perSecond();
        }
        return new TrafficSnapshot(name, requests.sum(), perSecond, active.sum(), responseCounts, errorCounts,
                latency.snapshot());
    }
}
