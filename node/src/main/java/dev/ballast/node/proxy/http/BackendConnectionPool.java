package dev.ballast.node.proxy.http;

import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.proxy.Backend;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The idle keep-alive connections of one event loop, per server. Confined to its loop: no locks. The most recently
 * used connection is reused first (warm), the oldest expire first. Only connections whose last exchange completed
 * cleanly are offered here.
 */
final class BackendConnectionPool {

    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventExecutor loop;
    private final Map<Server, Idle> idle = new IdentityHashMap<>();
    private final long sweepPeriodNanos;
    private boolean sweepScheduled;

    BackendConnectionPool(EventExecutor loop, Collection<Backend> backends) {
        this.loop = loop;
        long shortest = Long.MAX_VALUE;
        for (Backend backend : backends) {
            BackendConfig.Pool pool = backend.config().pool();
            long timeout = pool.idleTimeout().toNanos();
            shortest = Math.min(shortest, timeout);
            for (Server server : backend.servers()) {
                idle.put(server, new Idle(pool.maxIdlePerServer(), timeout));
            }
        }
        this.sweepPeriodNanos = Math.max(MIN_SWEEP_NANOS, shortest == Long.MAX_VALUE ? MIN_SWEEP_NANOS : shortest / 2);
    }

    /** @return a live idle connection to the server, or null */
    BackendConnection take(Server server) {
        Idle pool = idle.get(server);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        BackendConnection connection;
        while ((connection = pool.connections.pollLast()) != null) {
            connection.unparked();
            if (connection.channel().isActive() && now - connection.idleSinceNanos() < pool.timeoutNanos) {
                return connection;
            }
            connection.channel().close();
        }
        return null;
    }

    /** @return false when the pool for that server is full (the caller closes the connection) */
    boolean offer(BackendConnection connection) {
        Idle pool = idle.get(connection.server());
        if (pool == null || pool.connections.size() >= pool.max || !connection.channel().isActive()) {
            return false;
        }
        connection.parkedIn(this, System.nanoTime());
        pool.connections.addLast(connection);
        scheduleSweep();
        return true;
    }

    /** An idle connection closed (the server ended it). */
    void forget(BackendConnection connection) {
        Idle pool = idle.get(connection.server());
        if (pool != null) {
            pool.connections.remove(connection);
        }
    }

    private void scheduleSweep() {
        if (!sweepScheduled) {
            sweepScheduled = true;
            loop.schedule(this::sweep, sweepPeriodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sweep() {
        sweepScheduled = false;
        long now = System.nanoTime();
        boolean anyLeft = false;
        for (Idle pool : idle.values()) {
            BackendConnection oldest;
            while ((oldest = pool.connections.peekFirst()) != null
                    && now - oldest.idleSinceNanos() >= pool.timeoutNanos) {
                pool.connections.pollFirst();
                oldest.unparked();
                oldest.channel().close();
            }
            anyLeft |= !pool.connections.isEmpty();
        }
        if (anyLeft) {
            scheduleSweep();
        }
    }

    private static final class Idle {
        final int max;
        final long timeoutNanos;
        final ArrayDeque<BackendConnection> connections = new ArrayDeque<>();

        Idle(int max, long timeoutNanos) {
            this.max = max;
            this.timeoutNanos = timeoutNanos;
        }
    }
}
