package dev.ballast.node.health;

import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.HostPort;
import dev.ballast.node.config.ServerConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Health of one backend's servers: active checks on the node's event loops, passive ejection fed by the proxy,
 * and the operator's overrides. Every change of a server's effective state is logged as one line (WARN when it
 * stops being usable, INFO otherwise), counted, and told to the {@link HealthListener}.
 *
 * <p>Lifecycle: construct (servers start in their initial state, readable through {@link #state}; the listener
 * hears only later changes), {@link #start()}, {@link #close()}. Thread-safe. The checks run on the event loop
 * group passed in (all of one backend's on one loop): a check is one small request and response on a kept
 * connection (tcp checks: one connect), far too little work to justify threads of its own.
 */
public final class HealthChecker implements PassiveHealth, AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(HealthChecker.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Object lock = new Object();
    private final BackendConfig config;
    private final BackendHealth health;
    private final HealthListener listener;
    private final HealthClock clock;
    private final EventLoop timerLoop;
    /** The timers of the checks (starts, deadlines), on {@link #timerLoop}. */
    private final CheckTimer checkTimer;
    private final List<ServerCheckLoop> checkLoops = new ArrayList<>();
    private final CheckIntervals intervals;
    private ScheduledFuture<?> ejectionTimer;
    private long stateChanges;
    private boolean started;
    private boolean closed;

    /**
     * @param backend  the backend's configuration: its health and passive check settings and its servers
     * @param servers  the data plane's servers of this backend, matched to the configuration by name
     * @param group    the node's event loops (epoll or NIO); checks and timers run there
     * @param listener told of every change of a server's effective state
     * @throws IllegalArgumentException when the configuration is unusable, with a message naming the backend
     */
    public HealthChecker(BackendConfig backend, List<Server> servers, EventLoopGroup group, HealthListener listener) {
        this(backend, servers, group, listener, HealthClock.system());
    }

    HealthChecker(BackendConfig backend, List<Server> servers, EventLoopGroup group, HealthListener listener,
                  HealthClock clock) {
        this.config = backend;
        this.listener = listener;
        this.clock = clock;
        this.timerLoop = group.next();
        this.checkTimer = new CheckTimer(timerLoop);
        try {
            this.health = new BackendHealth(backend, servers, clock);
            HealthCheckConfig check = backend.healthCheck();
            if (health.activeChecks()) {
                this.intervals = new CheckIntervals(
                        check.interval(), check.fastInterval(), check.downInterval(), check.jitter());
                Probe probe = check.type() == HealthCheckConfig.Type.HTTP
                        ? new HttpProbe(group, check)
                        : new TcpProbe(group, check.timeout());
                // All of a backend's checks share one event loop: checks due together then run in one wake-up
                // and their answers are read in one, and the checker's lock is never contended. Measured with
                // bench/health/run, this costs less CPU than spreading them over every loop (bench/RESULTS.md).
                for (Server server : servers) {
                    checkLoops.add(new ServerCheckLoop(checkTimer, probe.forServer(checkTimer, checkTarget(server)),
                            (result, tookNanos) -> checkCompleted(server, result, tookNanos)));
                }
            } else {
                this.intervals = null;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend '" + backend.name() + "': " + e.getMessage(), e);
        }
    }

    /** Starts the active checks, each server's first one at a random point of the first interval. */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("health checker of backend '" + config.name() + "' was already "
                        + (closed ? "closed" : "started"));
            }
            started = true;
        }
        for (ServerCheckLoop loop : checkLoops) {
            loop.start(intervals.firstDelayNanos(ThreadLocalRandom.current()));
        }
    }

    /**
     * Stops every check and timer and closes every check connection; waits for that (up to 5 s) unless called
     * from one of the event loops. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (ejectionTimer != null) {
                ejectionTimer.cancel(false);
            }
        }
        List<Future<?>> stops = new ArrayList<>();
        for (ServerCheckLoop loop : checkLoops) {
            Future<?> stop = loop.stop();
            if (!loop.eventLoop().inEventLoop()) {
                stops.add(stop);
            }
        }
        Future<?> timerClosed = timerLoop.submit(checkTimer::close);
        if (!timerLoop.inEventLoop()) {
            stops.add(timerClosed);
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Future<?> stop : stops) {
            if (!stop.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("backend {}: health checks did not stop within {} ms", config.name(), CLOSE_WAIT.toMillis());
                return;
            }
        }
    }

    @Override
    public void recordSuccess(Server server) {
        ServerHealth serverHealth = health.server(server.name());
        if (!serverHealth.hasRequestFailures()) {
            return; // the common case: nothing to reset, no lock taken
        }
        synchronized (lock) {
            health.requestSucceeded(server.name());
        }
    }

    @Override
    public void recordFailure(Server server, FailureKind kind) {
        if (config.passiveCheck().maxFails() == 0) {
            return; // passive checks are off
        }
        synchronized (lock) {
            health.requestFailed(server.name(), kind).ifPresent(ejection -> {
                announce(ejection);
                armEjectionTimer();
            });
        }
    }

    /** Sets an operator override that wins over every check until {@link #clearOverride}. */
    public void override(String serverName, AdminOverride override) {
        synchronized (lock) {
            health.override(serverName, override).ifPresent(this::announce);
        }
    }

    /** Removes the operator's override: the server returns to what its checks say. */
    public void clearOverride(String serverName) {
        synchronized (lock) {
            health.clearOverride(serverName).ifPresent(this::announce);
        }
    }

    /** The servers this checker watches, in configuration order. */
    public List<Server> servers() {
        return health.servers().stream().map(ServerHealth::server).toList();
    }

    public HealthState state(Server server) {
        synchronized (lock) {
            return health.server(server.name()).state();
        }
    }

    /** Every server's health now, in configuration order. */
    public List<ServerHealthSnapshot> snapshot() {
        synchronized (lock) {
            return health.snapshot();
        }
    }

    public Optional<ServerHealthSnapshot> snapshot(String serverName) {
        return snapshot().stream().filter(s -> s.server().equals(serverName)).findFirst();
    }

    /** Changes of effective state of all this backend's servers since construction. */
    public long stateChanges() {
        synchronized (lock) {
            return stateChanges;
        }
    }

    private long checkCompleted(Server server, CheckResult result, long tookNanos) {
        synchronized (lock) {
            if (closed) {
                return CLOSE_WAIT.toNanos(); // a check that ended while closing: its loop is being stopped
            }
            Optional<HealthChange> change = health.checkCompleted(server.name(), result, tookNanos);
            if (change.isPresent()) {
                announce(change.get());
            }
            if (!result.passed()) {
                LOG.debug("backend {} server {}: check failed: {}", config.name(), server.name(), result.detail());
            }
            RiseFall active = health.server(server.name()).active();
            return intervals.nextDelayNanos(active.state(), active.transitioning(), ThreadLocalRandom.current());
        }
    }

    /** Ends due passive ejections; runs on the timer loop. */
    private void expireEjections() {
        synchronized (lock) {
            ejectionTimer = null;
            health.expireEjections().forEach(this::announce);
            armEjectionTimer();
        }
    }

    /** Keeps one timer for the earliest pending end of a passive ejection. Called with the lock held. */
    private void armEjectionTimer() {
        if (closed) {
            return;
        }
        OptionalLong next = health.nextEjectionEnd();
        if (ejectionTimer != null) {
            ejectionTimer.cancel(false);
            ejectionTimer = null;
        }
        if (next.isPresent()) {
            long delay = Math.max(0, next.getAsLong() - clock.nanoTime());
            ejectionTimer = timerLoop.schedule(this::expireEjections, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Logs, counts and tells the listener. Called with the lock held, so changes are told in order. */
    private void announce(HealthChange change) {
        stateChanges++;
        LOG.log(change.to().usable() ? Level.INFO : Level.WARN, "backend {} server {}: {} -> {}: {}",
                config.name(), change.server().name(), change.from(), change.to(), change.reason());
        listener.healthChanged(change.server(), change.from(), change.to(), change.reason());
    }

    private CheckTarget checkTarget(Server server) {
        ServerConfig serverConfig = config.server(server.name()).orElseThrow();
        HostPort address = server.address();
        int port = serverConfig.checkPort().or(() -> config.healthCheck().port()).orElse(address.port());
        String hostHeader = address.port() == 80 ? hostOnly(address) : address.toString();
        return new CheckTarget(socketAddress(address.host(), port), hostHeader);
    }

    /** An IP literal is parsed once; a host name stays unresolved, and each check resolves it (off the event loop). */
    private static InetSocketAddress socketAddress(String host, int port) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        return literal != null ? new InetSocketAddress(literal, port) : InetSocketAddress.createUnresolved(host, port);
    }

    private static String hostOnly(HostPort address) {
        return address.host().indexOf(':') >= 0 ? "[" + address.host() + "]" : address.host();
    }
}
