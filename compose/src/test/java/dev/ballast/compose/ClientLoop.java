package dev.ballast.compose;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A client sending one request after another to an address on a thread of its own, each on a new connection, with
 * a short pause between them, until stopped or bounded by time and count: what a user of the VIP sees during a
 * failover. Outcomes go to an {@link OutageMeter}; the servers that answered are counted (stickiness).
 */
final class ClientLoop implements AutoCloseable {

    private final HttpProbe probe;
    private final InetSocketAddress target;
    private final Optional<String> cookie;
    private final Duration pause;
    private final long deadlineNanos;
    private final int maxRequests;
    private final OutageMeter meter = new OutageMeter();
    private final Map<String, Integer> answeredBy = new TreeMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    ClientLoop(HttpProbe probe, InetSocketAddress target, Optional<String> cookie, Duration pause, Duration maxRun,
               int maxRequests) {
        this.probe = probe;
        this.target = target;
        this.cookie = cookie;
        this.pause = pause;
        this.deadlineNanos = System.nanoTime() + maxRun.toNanos();
        this.maxRequests = maxRequests;
        this.thread = new Thread(this::run, "client-loop-" + target);
        thread.setDaemon(true);
    }

    ClientLoop start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!stopped && meter.requests() < maxRequests && System.nanoTime() < deadlineNanos) {
            long start = System.nanoTime();
            boolean ok;
            try {
                HttpProbe.Response response = probe.get(target, "/", cookie);
                ok = response.status() == 200;
                if (ok) {
                    synchronized (answeredBy) {
                        answeredBy.merge(String.valueOf(response.backend()), 1, Integer::sum);
                    }
                }
            } catch (IOException e) {
                ok = false;
            }
            meter.record(start, ok);
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    OutageMeter meter() {
        return meter;
    }

    /** How many successful responses each server (X-Backend) gave. */
    Map<String, Integer> answeredBy() {
        synchronized (answeredBy) {
            return new TreeMap<>(answeredBy);
        }
    }

    /** Stops the loop and waits for the request in flight. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
    }
}
