package dev.ballast.node.balance;

import dev.ballast.node.config.HostPort;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server as the data plane and the balancers see it: its stable identity, its current effective weight and its
 * live load. Identity is the name: every node builds identical tables because they are built from names.
 * Thread-safe: counters are atomic, the weight is volatile (changed by admin actions and slow start).
 */
public final class Server {

    private final String backend;
    private final String name;
    private final HostPort address;
    private final boolean backup;
    private final int maxconn;
    private volatile int weight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Server(String backend, String name, HostPort address, int weight, boolean backup, int maxconn) {
        this.backend = backend;
        this.name = name;
        this.address = address;
        this.weight = weight;
        this.backup = backup;
        this.maxconn = maxconn;
    }

    public String backend() {
        return backend;
    }

    public String name() {
        return name;
    }

    public HostPort address() {
        return address;
    }

    public boolean backup() {
        return backup;
    }

    /** Concurrent requests allowed, 0 = unlimited. */
    public int maxconn() {
        return maxconn;
    }

    /** The effective weight now (configured weight, changed at run time, scaled during slow start). */
    public int weight() {
        return weight;
    }

    /** Sets the effective weight; the caller then tells the balancer through {@link Balancer#weightChanged}. */
    public void weight(int newWeight) {
        this.weight = newWeight;
    }

    /** Requests in flight to this server from this node. */
    public int inFlight() {
        return inFlight.get();
    }

    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    @Override
    public String toString() {
        return backend + "/" + name;
    }
}
