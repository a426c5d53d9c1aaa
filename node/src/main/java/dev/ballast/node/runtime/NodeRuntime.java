package dev.ballast.node.runtime;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BallastConfig;
import dev.ballast.node.config.FrontendConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.health.HealthChecker;
import dev.ballast.node.health.HealthState;
import dev.ballast.node.logging.AccessLog;
import dev.ballast.node.metrics.NodeMetrics;
import dev.ballast.node.proxy.Backend;
import dev.ballast.node.proxy.BalancerFactory;
import dev.ballast.node.proxy.DrainRequest;
import dev.ballast.node.proxy.FrontendConnectionLimiter;
import dev.ballast.node.proxy.Transport;
import dev.ballast.node.proxy.http.BackendConnections;
import dev.ballast.node.proxy.http.HttpFrontend;
import dev.ballast.node.proxy.http.HttpFrontendPipeline;
import dev.ballast.node.proxy.http.RouteSelector;
import dev.ballast.node.session.SessionStoreFactory;
import dev.ballast.node.stats.TrafficStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One node's data plane, from start to graceful stop: the event loops, the backends (servers, balancers, slots),
 * the upstream connection pools and a listener per frontend; and what it observes: traffic statistics, the access
 * log and the Prometheus metrics.
 */
public final class NodeRuntime {

    private static final Logger LOG = LogManager.getLogger(NodeRuntime.class);
    /** How often expired sticky sessions are dropped (they are also dropped when next looked up). */
    private static final long SESSION_PURGE_SECONDS = 30;
    /** How often slow-starting servers' weights are advanced: smooth enough for ramps of seconds or more. */
    private static final Duration SLOW_START_TICK = Duration.ofMillis(100);

    private final BallastConfig config;
    private final BalancerFactory balancers;
    private final RouteSelector.Factory routes;
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    /** Each frontend's client pipeline, kept so that a frontend bound later (a VIP in bind mode) can listen. */
    private final Map<String, ChannelInitializer<Channel>> pipelines = new LinkedHashMap<>();
    private Set<String> sharedPorts = Set.of();
    private final Map<String, HealthChecker> healthCheckers = new LinkedHashMap<>();
    private final TrafficStats traffic;
    private final AccessLog accessLog;
    private NodeMetrics metrics;
    private ScheduledFuture<?> trafficTick;
    private final List<ScheduledFuture<?>> slowStartTicks = new ArrayList<>();
    private ScheduledFuture<?> sessionPurge;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Transport transport;
    private ChannelGroup clients;
    private State state = State.NEW;

    private enum State { NEW, RUNNING, STOPPED }

    /**
     * @param balancers builds each backend's balancing algorithm
     * @param routes    builds each HTTP frontend's routing ({@link RouteSelector#defaultBackendOf} until rules exist)
     */
    public NodeRuntime(BallastConfig config, BalancerFactory balancers, RouteSelector.Factory routes) {
        this.config = config;
        this.balancers = balancers;
        this.routes = routes;
        this.traffic = TrafficStats.of(config);
        this.accessLog = new AccessLog(config.logging().accessLogFormat());
    }

    /** Starts the event loops and binds every frontend; on any failure, releases what was started and throws. */
    public synchronized void start() {
        start(Set.of());
    }

    /**
     * Starts the event loops and binds every frontend except {@code unbound} (in the cluster's bind mode, those on a
     * VIP: they listen only while this node owns the VIP, see {@link #listen}); on any failure, releases what was
     * started and throws.
     */
    public synchronized void start(Set<String> unbound) {
        start(unbound, SessionStoreFactory.local(Clock.systemUTC()));
    }

    /**
     * As {@link #start(Set)}, with each backend's source-IP sessions from {@code sessions} (in a cluster: the
     * replicated table, so that every node routes a sticky client alike).
     */
    public synchronized void start(Set<String> unbound, SessionStoreFactory sessions) {
        if (state != State.NEW) {
            throw new IllegalStateException("The node runtime can be started once; it is " + state);
        }
        for (FrontendConfig frontend : config.frontends()) {
            if (frontend.mode() != FrontendConfig.Mode.HTTP) {
                throw new IllegalStateException("Frontend " + frontend.name() + ": mode " + frontend.mode()
                        + " is not supported by this build (only http)");
            }
        }
        sharedPorts = Set.copyOf(unbound);
        for (BackendConfig backend : config.backends()) {
            backends.put(backend.name(), Backend.create(backend, balancers, sessions, Clock.systemUTC()));
        }
        transport = Transport.start(config.node().threads());
        clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
        state = State.RUNNING;
        try {
            startHealthChecks();
            startSlowStartTicks();
            startSessionPurge();
            startTrafficTick();
            metrics = new NodeMetrics(traffic, List.copyOf(backends.values()),
                    server -> healthCheckers.get(server.backend()).state(server));
            BackendConnections connections = new BackendConnections(transport, backends.values());
            for (FrontendConfig frontend : config.frontends()) {
                HttpFrontend http = new HttpFrontend(frontend, routes.forFrontend(frontend), backends, connections,
                        traffic, accessLog);
                pipelines.put(frontend.name(), new HttpFrontendPipeline(http, clients));
                if (!unbound.contains(frontend.name())) {
                    listen(frontend.name());
                }
            }
        } catch (RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
    }

    private void startSessionPurge() {
        List<Backend> started = List.copyOf(backends.values());
        sessionPurge = transport.group().next().scheduleAtFixedRate(() -> purgeExpiredSessions(started),
                SESSION_PURGE_SECONDS, SESSION_PURGE_SECONDS, TimeUnit.SECONDS);
    }

    private static void purgeExpiredSessions(List<Backend> started) {
        for (Backend backend : started) {
            int purged = backend.purgeExpiredSessions();
            if (purged > 0) {
                LOG.debug("Backend {}: {} expired sticky session(s) dropped", backend.name(), purged);
            }
        }
    }

    /** Moves request rates and latency windows on, on one event loop. */
    private void startTrafficTick() {
        long tick = TrafficStats.TICK.toNanos();
        trafficTick = transport.group().next().scheduleAtFixedRate(() -> traffic.tick(System.nanoTime()), tick, tick,
                TimeUnit.NANOSECONDS);
    }

    /**
     * One checker per backend: active checks and passive ejection move its servers in and out of rotation; every
     * change is counted in the traffic statistics.
     */
    private void startHealthChecks() {
        for (Backend backend : backends.values()) {
            HealthChecker checker = new HealthChecker(backend.config(), backend.servers(), transport.group(),
                    (server, from, to, reason) -> {
                        traffic.healthTransitions().record(backend.name(), server.name(), to);
                        applyHealth(backend, server, to);
                    });
            for (Server server : backend.servers()) {
                applyHealth(backend, server, checker.state(server));
            }
            healthCheckers.put(backend.name(), checker);
            backend.reportOutcomesTo(checker);
            checker.start();
        }
    }

    /** Advances slow start of each backend that has a server with slowstart, on one event loop. */
    private void startSlowStartTicks() {
        for (Backend backend : backends.values()) {
            boolean slowStarts = backend.config().servers().stream().map(ServerConfig::slowstart)
                    .anyMatch(slowstart -> !slowstart.isZero());
            if (slowStarts && backend.balancer() instanceof BackendBalancer balancer) {
                slowStartTicks.add(transport.group().next().scheduleAtFixedRate(balancer::tick,
                        SLOW_START_TICK.toNanos(), SLOW_START_TICK.toNanos(), TimeUnit.NANOSECONDS));
            }
        }
    }

    /** A server without a verdict yet keeps taking traffic, as in HAProxy; down and maint take none. */
    private static void applyHealth(Backend backend, Server server, HealthState state) {
        if (state == HealthState.DOWN || state == HealthState.MAINT) {
            backend.markDown(server);
        } else {
            backend.markUp(server);
        }
    }

    /**
     * Binds a frontend started unbound (no-op when it listens already). Such a frontend shares its port with other
     * processes of the same user (SO_REUSEPORT), so that a successor on the same host can bind the VIP before its
     * predecessor lets go: the handover is hitless.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized void listen(String frontend) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("Frontend " + frontend + ": the node runtime is " + state);
        }
        if (listeners.containsKey(frontend)) {
            return;
        }
        FrontendConfig config = this.config.frontend(frontend)
                .orElseThrow(() -> new IllegalArgumentException("No frontend named " + frontend));
        Channel listener = bind(config, pipelines.get(frontend));
        listeners.put(frontend, listener);
        LOG.info("Frontend {} listening on {} (http)", frontend, listener.localAddress());
    }

    /** Stops accepting on one frontend; its open connections carry on. No-op when it does not listen. */
    public synchronized void stopListening(String frontend) {
        Channel listener = listeners.remove(frontend);
        if (listener != null) {
            listener.close().syncUninterruptibly();
            LOG.info("Frontend {} stopped listening on {}", frontend, listener.localAddress());
        }
    }

    /** Whether a frontend's listener is bound and open. */
    public synchronized boolean isListening(String frontend) {
        Channel listener = listeners.get(frontend);
        return listener != null && listener.isActive();
    }

    private Channel bind(FrontendConfig frontend, ChannelInitializer<Channel> clientPipeline) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, BackendConnections.waterMark())
                .childHandler(clientPipeline);
        if (sharedPorts.contains(frontend.name())) {
            transport.sharePort(bootstrap);
        }
        if (frontend.maxconn() > 0) {
            bootstrap.handler(new FrontendConnectionLimiter(frontend.name(), frontend.maxconn()));
        }
        InetSocketAddress address = new InetSocketAddress(frontend.bind().host(), frontend.bind().port());
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Frontend " + frontend.name() + ": cannot listen on " + frontend.bind()
                    + ": " + bound.cause().getMessage(), bound.cause());
        }
        if (sharedPorts.contains(frontend.name())) {
            transport.steerToNewestListener(bound.channel());
        }
        return bound.channel();
    }

    /** The address a frontend actually listens on (its port is known here when the configuration said 0). */
    public synchronized InetSocketAddress listenAddress(String frontend) {
        Channel listener = listeners.get(frontend);
        if (listener == null) {
            throw new IllegalArgumentException("No listening frontend named " + frontend);
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** The run-time backends by name: health checking marks their servers up and down here. */
    public synchronized Map<String, Backend> backends() {
        return Map.copyOf(backends);
    }

    /** Request, response, error and latency statistics per frontend, backend and server. */
    public TrafficStats traffic() {
        return traffic;
    }

    /** The node's Prometheus metrics (exist once the node has started). */
    public synchronized NodeMetrics metrics() {
        if (metrics == null) {
            throw new IllegalStateException("The node's metrics exist once it has started; it is " + state);
        }
        return metrics;
    }

    /** The health checker of a backend (its operator overrides, its servers' health); empty before start. */
    public synchronized Optional<HealthChecker> healthChecker(String backend) {
        return Optional.ofNullable(healthCheckers.get(backend));
    }

    /** True from start until a stop begins: false while stopping gracefully and after. */
    public synchronized boolean running() {
        return state == State.RUNNING;
    }

    /**
     * Asks the client connections that reached this node on {@code localAddress} to finish (as {@link DrainRequest}
     * says) and waits up to {@code max} for them to close; returns how many are still open. Listeners stay open: a
     * former VIP owner drains what it accepted before the VIP moved on.
     */
    public int drainClientsOn(InetAddress localAddress, Duration max) {
        ChannelGroup all;
        synchronized (this) {
            all = clients;
        }
        if (all == null) {
            return 0;
        }
        ChannelGroup draining = new DefaultChannelGroup("draining", GlobalEventExecutor.INSTANCE);
        for (Channel client : all) {
            if (client.localAddress() instanceof InetSocketAddress local && localAddress.equals(local.getAddress())) {
                draining.add(client);
                client.pipeline().fireUserEventTriggered(DrainRequest.INSTANCE);
            }
        }
        draining.newCloseFuture().awaitUninterruptibly(max.toMillis(), TimeUnit.MILLISECONDS);
        return draining.size(); // a group forgets its channels as they close
    }

    /**
     * Stops gracefully: stops accepting, lets requests in flight finish for up to {@code grace} (as
     * {@link DrainRequest} says), then closes everything and stops the event loops.
     */
    public void stop(Duration grace) {
        List<Channel> open;
        synchronized (this) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.STOPPED;
            open = List.copyOf(listeners.values());
            listeners.clear();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        open.forEach(listener -> listener.close().syncUninterruptibly());
        LOG.info("Stopped accepting; {} client connection(s) open, waiting up to {} ms for them to finish",
                clients.size(), grace.toMillis());
        clients.forEach(client -> client.pipeline().fireUserEventTriggered(DrainRequest.INSTANCE));
        long remaining = deadline - System.nanoTime();
        if (remaining > 0 && !clients.newCloseFuture().awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS)) {
            LOG.warn("Graceful stop deadline reached; closing {} connection(s) still open", clients.size());
        }
        clients.close().awaitUninterruptibly();
        slowStartTicks.forEach(tick -> tick.cancel(false));
        if (sessionPurge != null) {
            sessionPurge.cancel(false);
        }
        if (trafficTick != null) {
            trafficTick.cancel(false);
        }
        healthCheckers.values().forEach(HealthChecker::close);
        transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("Node stopped");
        stopped.countDown();
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }
}
