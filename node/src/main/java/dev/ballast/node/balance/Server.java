package dev.ballast.node.balance;

import dev.ballast.node.config.HostPort;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A server as the data plane and the balancers see it: its stable identity, its current effective weight and its
 * live load. Identity is the name: every node builds identical tables because they are built from names.
 * Thread-safe: counters are atomic, the weight is volatile (changed by admin actions and slow start).
 */
public final class Server {

    /** The largest weight a server may have (as HAProxy); keeps weighted schedules and rings bounded. */
    public static final int MAX_WEIGHT = 256;

    /** A field updater rather than an AtomicInteger: one object less to chase when a balancer scans servers. */
    private static final AtomicIntegerFieldUpdater<Server> IN_FLIGHT =
            AtomicIntegerFieldUpdater.newUpdater(Server.class, "inFlight");

    private final String backend;
    private final String name;
    private final HostPort address;
    private final boolean backup;
    private final int maxconn;
    private volatile int weight;
    private volatile int inFlight;
    /** Requests in flight to this server from the other cluster members, as they last reported (0 unless shared). */
    private volatile int remoteInFlight;

    public Server(String backend, String name, HostPort address, int weight, boolean backup, int maxconn) {
        this.backend = backend;
        this.name = name;
        this.address = address;
        this.backup = backup;
        this.maxconn = maxconn;
        checkWeight(weight);
        this.weight = weight;
        if (maxconn < 0) {
            throw new IllegalArgumentException("maxconn of " + this + " must be >= 0, got " + maxconn);
        }
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
        checkWeight(newWeight);
        this.weight = newWeight;
    }

    /** Requests in flight to this server from this node. */
    public int inFlight() {
        return inFlight;
    }

    /**
     * What least-connection algorithms compare: the requests in flight from this node, plus those from the other
     * cluster members when the backend shares load cluster-wide ({@link #remoteInFlight(int)}).
     */
    public int load() {
        return inFlight + remoteInFlight;
    }

    /** Requests in flight to this server from the other cluster members, as they last reported. */
    public int remoteInFlight() {
        return remoteInFlight;
    }

    /**
     * Sets the other members' in-flight requests to this server; the caller then tells the balancer through
     * {@link Balancer#loadChanged}. maxconn stays a per-node limit: it is checked against {@link #inFlight()} only.
     */
    public void remoteInFlight(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("remote in-flight requests of " + this + " must be >= 0, got "
                    + requests);
        }
        this.remoteInFlight = requests;
    }

    public void requestStarted() {
        IN_FLIGHT.incrementAndGet(this);
    }

    public void requestEnded() {
        IN_FLIGHT.decrementAndGet(this);
    }

    /** True when the server has a maxconn and as many requests in flight: balancers skip it. */
    public boolean isFull() {
        return maxconn > 0 && inFlight >= maxconn;
    }

    private void checkWeight(int candidate) {
        if (candidate < 0 || candidate > MAX_WEIGHT) {
            throw new IllegalArgumentException(
                    "weight of " + this + " must be in 0.." + MAX_WEIGHT + ", got " + candidate);
        }
    }

    @Override
    public String toString() {
        return backend + "/" + name;
    }
}
