package dev.ballast.node.balance;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consistent hashing with bounded loads (HAProxy's hash-balance-factor): a server may take a new request only while
 * its in-flight count is below ceil(factor × (total in flight + 1) × weight ÷ total weight), i.e. no server goes
 * above factor × its weighted share of the mean. A key whose server is at its cap walks on to the next candidate.
 * With a factor >= 1 some usable server is always below its cap.
 */
final class BoundedLoad {

    private final double factor;
    private final AtomicInteger totalInFlight = new AtomicInteger();

    private BoundedLoad(double factor) {
        this.factor = factor;
    }

    /** @throws IllegalArgumentException when the factor is below 1, which no distribution could satisfy */
    static BoundedLoad of(Optional<Double> factor) {
        double value = factor.orElse(Double.POSITIVE_INFINITY);
        if (!(value >= 1.0)) {
            throw new IllegalArgumentException("hash-balance-factor must be >= 1 (e.g. 1.25), got " + value);
        }
        return new BoundedLoad(value);
    }

    static BoundedLoad unbounded() {
        return new BoundedLoad(Double.POSITIVE_INFINITY);
    }

    boolean admits(Server server, long totalWeight) {
        if (factor == Double.POSITIVE_INFINITY) {
            return true;
        }
        double cap = Math.ceil(factor * (totalInFlight.get() + 1) * server.weight() / totalWeight);
        return server.inFlight() < cap;
    }

    void taken() {
        totalInFlight.incrementAndGet();
    }

    void released() {
        totalInFlight.decrementAndGet();
    }
}
