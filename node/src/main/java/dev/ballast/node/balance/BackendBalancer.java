package dev.ballast.node.balance;

import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.BalanceConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.ServerConfig.AdminState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A backend's servers and their states, in front of its balancing algorithm: the one object the proxy asks for a
 * server and the health checker and admin API tell about changes.
 *
 * <p>A server is <em>usable</em> when it is healthy and its admin state is ready; it is <em>active</em> when it is
 * also weighted above 0. Requests go to the active primary (non-backup) servers; when there is none, to the backups
 * (all of them with {@code all-backups}, else the first usable backup by name); with a panic threshold, when fewer
 * than that percentage of primaries are active and no backup is, to every ready primary whatever its health (as
 * Envoy's panic mode). A drained server takes no new sessions but still serves its sticky clients
 * ({@link #acceptsStickyClient}); maint takes nothing.
 *
 * <p>Thread-safety: {@link #pick} and the connection counters run on the event loops without this object's lock
 * (only leastconn takes a short lock of its own); state changes (health, admin, weight, slow-start ticks) are
 * serialised under this object's lock and update the algorithms through their hooks.
 */
public final class BackendBalancer implements Balancer {

    private static final Logger LOG = LogManager.getLogger(BackendBalancer.class);

    /** Where new requests go, derived from the servers' states after every change. */
    private enum Route { PRIMARIES, ALL_BACKUPS, FIRST_BACKUP, PANIC, NONE }

    private final String name;
    private final boolean allBackups;
    private final int panicThreshold;
    private final LongSupplier nanoClock;
    private final List<Server> servers;
    private final Map<String, Server> byName = new HashMap<>();
    private final Map<Server, ServerState> states = new HashMap<>();
    private final List<Server> primaries;
    private final List<Server> backupsByName;
    private final ServerPool primaryPool;
    private final ServerPool backupPool;
    /** Every ready primary whatever its health; only built with a panic threshold, else null. */
    private final ServerPool panicPool;
    /** The pools a primary (resp. backup) server can belong to: its hooks go to these, and always the same ones. */
    private final List<ServerPool> primaryPools;
    private final List<ServerPool> backupPools;
    private volatile Route route;
    private volatile Server firstBackup;

    /**
     * @param nanoClock monotonic time in nanoseconds (System::nanoTime in production), drives slow start
     */
    public BackendBalancer(BackendConfig config, LongSupplier nanoClock) {
        this(config.name(), config.balance(), config.allBackups(), config.panicThreshold(), config.servers(),
                nanoClock);
    }

    /**
     * Every server starts healthy (until the health checker says otherwise) in its configured admin state, at its
     * full weight: slow start applies when a server comes back, not at start-up.
     *
     * @throws IllegalArgumentException on duplicate server names, a bad weight or an inconsistent balance section
     */
    public BackendBalancer(String name, BalanceConfig balance, boolean allBackups, int panicThreshold,
            List<ServerConfig> serverConfigs, LongSupplier nanoClock) {
        this(name, balance, allBackups, panicThreshold, serverConfigs, serversOf(name, serverConfigs), nanoClock);
    }

    /**
     * Balances over servers the data plane created, one per configured server and in the same order (the data
     * plane keeps its own per-server state, such as request slots, keyed by these very objects).
     */
    public BackendBalancer(BackendConfig config, List<Server> servers, LongSupplier nanoClock) {
        this(config.name(), config.balance(), config.allBackups(), config.panicThreshold(), config.servers(), servers,
                nanoClock);
    }

    private BackendBalancer(String name, BalanceConfig balance, boolean allBackups, int panicThreshold,
            List<ServerConfig> serverConfigs, List<Server> serverObjects, LongSupplier nanoClock) {
        if (panicThreshold < 0 || panicThreshold > 100) {
            throw new IllegalArgumentException(
                    "panic threshold of backend " + name + " must be a percentage 0..100, got " + panicThreshold);
        }
        if (serverObjects.size() != serverConfigs.size()) {
            throw new IllegalArgumentException("backend " + name + ": " + serverObjects.size()
                    + " server objects for " + serverConfigs.size() + " configured servers");
        }
        this.name = name;
        this.allBackups = allBackups;
        this.panicThreshold = panicThreshold;
        this.nanoClock = nanoClock;
        for (int i = 0; i < serverConfigs.size(); i++) {
            ServerConfig sc = serverConfigs.get(i);
            Server server = serverObjects.get(i);
            if (!server.name().equals(sc.name())) {
                throw new IllegalArgumentException("backend " + name + ": server object " + server.name()
                        + " given for configured server " + sc.name());
            }
            if (byName.putIfAbsent(sc.name(), server) != null) {
                throw new IllegalArgumentException("backend " + name + " has two servers named '" + sc.name() + "'");
            }
            states.put(server, new ServerState(sc.weight(), sc.slowstart(), sc.state()));
        }
        List<Server> all = serverObjects;
        this.servers = List.copyOf(all);
        this.primaries = all.stream().filter(s -> !s.backup()).toList();
        this.backupsByName = all.stream().filter(Server::backup).sorted(Comparator.comparing(Server::name)).toList();
        this.primaryPool = pool(balance, primaries, s -> !s.backup() && usable(s));
        this.backupPool = pool(balance, backupsByName, s -> s.backup() && usable(s));
        this.panicPool = panicThreshold == 0 ? null
                : pool(balance, primaries, s -> !s.backup() && states.get(s).admin == AdminState.READY);
        this.primaryPools = panicPool == null ? List.of(primaryPool) : List.of(primaryPool, panicPool);
        this.backupPools = List.of(backupPool);
        synchronized (this) {
            recomputeRoute();
        }
    }

    private static List<Server> serversOf(String backend, List<ServerConfig> serverConfigs) {
        return serverConfigs.stream()
                .map(sc -> new Server(backend, sc.name(), sc.address(), sc.weight(), sc.backup(), sc.maxconn()))
                .toList();
    }

    private ServerPool pool(BalanceConfig balance, List<Server> pool, Predicate<Server> belongs) {
        List<Server> members = pool.stream().filter(belongs).toList();
        return new ServerPool(Balancers.create(balance, pool, members), belongs, members);
    }

    public String name() {
        return name;
    }

    /** The servers in configuration order. */
    public List<Server> servers() {
        return servers;
    }

    public Optional<Server> server(String serverName) {
        return Optional.ofNullable(byName.get(serverName));
    }

    /**
     * Chooses a server for a new request (not bound to a sticky server). Lock-free, except leastconn's short lock.
     *
     * @param avoid a server not to choose (the one that just failed, for a retry), or null
     * @return the server, or null: then {@link #hasUsableServer()} tells whether every usable server is at its
     *         maxconn (queue the request) or none is usable (answer 503)
     */
    @Override
    public Server pick(RequestContext request, Server avoid) {
        return switch (route) {
            case PRIMARIES -> primaryPool.balancer().pick(request, avoid);
            case ALL_BACKUPS -> backupPool.balancer().pick(request, avoid);
            case PANIC -> panicPool.balancer().pick(request, avoid);
            case FIRST_BACKUP -> {
                Server backup = firstBackup;
                yield backup != null && Candidates.eligible(backup, avoid) ? backup : null;
            }
            case NONE -> null;
        };
    }

    /** Balancer hook: the health checker found the server up. */
    @Override
    public void serverUp(Server server) {
        setHealthy(server, true);
    }

    /** Balancer hook: the health checker found the server down. */
    @Override
    public void serverDown(Server server) {
        setHealthy(server, false);
    }

    /** Balancer hook: the server's configured weight was set on the server object; ramps like {@link #setWeight}. */
    @Override
    public void weightChanged(Server server) {
        setWeight(server, server.weight());
    }

    /** Whether some server could take new requests were it not at its maxconn. */
    public boolean hasUsableServer() {
        return route != Route.NONE;
    }

    /**
     * Whether a sticky client bound to {@code server} may keep using it: it is healthy and not in maint (drain and
     * weight 0 keep serving sticky clients), and if it is a backup, backups are in use (when the primaries come
     * back, sticky clients of backups are given back to them).
     */
    public boolean acceptsStickyClient(Server server) {
        ServerState state = stateOf(server);
        if (!state.healthy || state.admin == AdminState.MAINT) {
            return false;
        }
        Route now = route;
        return !server.backup() || now == Route.ALL_BACKUPS || (now == Route.FIRST_BACKUP && server == firstBackup);
    }

    /** A request was given to {@code server}: counts it on the server and in the algorithms. */
    @Override
    public void connectionTaken(Server server) {
        server.requestStarted();
        List<ServerPool> pools = poolsOf(server);
        for (int i = 0; i < pools.size(); i++) {
            pools.get(i).balancer().connectionTaken(server);
        }
    }

    /** A request given to {@code server} has ended. */
    @Override
    public void connectionReleased(Server server) {
        server.requestEnded();
        List<ServerPool> pools = poolsOf(server);
        for (int i = 0; i < pools.size(); i++) {
            pools.get(i).balancer().connectionReleased(server);
        }
    }

    /**
     * The other cluster members' requests in flight to {@code server}, for a backend with {@code cluster-wide-load}
     * (least-connection algorithms then weigh them with this node's); lock-free like the connection counters.
     */
    public void setRemoteLoad(Server server, int requests) {
        stateOf(server);
        if (server.remoteInFlight() != requests) {
            server.remoteInFlight(requests);
            loadChanged(server);
        }
    }

    @Override
    public void loadChanged(Server server) {
        List<ServerPool> pools = poolsOf(server);
        for (int i = 0; i < pools.size(); i++) {
            pools.get(i).balancer().loadChanged(server);
        }
    }

    /** The health checker's verdict. A server coming back starts its slow start. */
    public synchronized void setHealthy(Server server, boolean healthy) {
        ServerState state = stateOf(server);
        if (state.healthy == healthy) {
            return;
        }
        boolean wasUsable = usable(server);
        state.healthy = healthy;
        LOG.info("backend {}: server {} is now {}", name, server.name(), healthy ? "UP" : "DOWN");
        changed(server, wasUsable);
    }

    /** The admin state: ready, drain (sticky clients only) or maint (nothing). */
    public synchronized void setAdminState(Server server, AdminState admin) {
        ServerState state = stateOf(server);
        if (state.admin == admin) {
            return;
        }
        boolean wasUsable = usable(server);
        state.admin = admin;
        LOG.info("backend {}: server {} admin state is now {}", name, server.name(), admin);
        changed(server, wasUsable);
    }

    /**
     * Sets the server's configured weight (0..{@link Server#MAX_WEIGHT}); during slow start the effective weight
     * keeps ramping towards the new value.
     */
    public synchronized void setWeight(Server server, int weight) {
        if (weight < 0 || weight > Server.MAX_WEIGHT) {
            throw new IllegalArgumentException(
                    "weight of " + server + " must be in 0.." + Server.MAX_WEIGHT + ", got " + weight);
        }
        ServerState state = stateOf(server);
        state.configuredWeight = weight;
        LOG.info("backend {}: server {} weight set to {}", name, server.name(), weight);
        applyEffectiveWeight(server, state);
    }

    /** Advances slow starts to the clock's time; call periodically (e.g. every 100 ms to 1 s). */
    public synchronized void tick() {
        for (Server server : servers) {
            ServerState state = states.get(server);
            if (state.rampStartNanos != ServerState.NOT_RAMPING) {
                applyEffectiveWeight(server, state);
            }
        }
    }

    public synchronized ServerStatus status(Server server) {
        ServerState state = stateOf(server);
        return new ServerStatus(server.name(), server.backup(), state.healthy, state.admin, state.configuredWeight,
                server.weight(), server.inFlight(), state.rampStartNanos != ServerState.NOT_RAMPING);
    }

    /** The status of every server, in configuration order. */
    public synchronized Map<String, ServerStatus> statuses() {
        Map<String, ServerStatus> result = new LinkedHashMap<>();
        for (Server server : servers) {
            result.put(server.name(), status(server));
        }
        return result;
    }

    private void changed(Server server, boolean wasUsable) {
        ServerState state = states.get(server);
        boolean nowUsable = usable(server);
        if (!wasUsable && nowUsable && state.slowstart.toNanos() > 0) {
            state.rampStartNanos = nanoClock.getAsLong();
            server.weight(rampingWeight(state, 0));
        } else if (!nowUsable && state.rampStartNanos != ServerState.NOT_RAMPING) {
            state.rampStartNanos = ServerState.NOT_RAMPING;
            server.weight(state.configuredWeight);
        }
        poolsOf(server).forEach(pool -> pool.reevaluate(server));
        recomputeRoute();
    }

    private void applyEffectiveWeight(Server server, ServerState state) {
        int effective = state.configuredWeight;
        if (state.rampStartNanos != ServerState.NOT_RAMPING) {
            long elapsed = nanoClock.getAsLong() - state.rampStartNanos;
            effective = rampingWeight(state, elapsed);
            if (!SlowStart.ramping(state.slowstart, elapsed)) {
                state.rampStartNanos = ServerState.NOT_RAMPING;
                LOG.info("backend {}: server {} finished its slow start at weight {}", name, server.name(), effective);
            }
        }
        if (effective != server.weight()) {
            server.weight(effective);
            poolsOf(server).forEach(pool -> pool.weightChanged(server));
            recomputeRoute();
        }
    }

    /**
     * The slow-start weight, but at least 1 for a weighted server: a server that just came up takes a trickle at
     * once rather than nothing until the next tick (which, were it the only server, would mean 503s).
     */
    private static int rampingWeight(ServerState state, long elapsedNanos) {
        int weight = SlowStart.weightAt(state.configuredWeight, state.slowstart, elapsedNanos);
        return state.configuredWeight > 0 ? Math.max(1, weight) : 0;
    }

    private void recomputeRoute() {
        int activePrimaries = 0;
        for (Server server : primaries) {
            if (usable(server) && server.weight() > 0) {
                activePrimaries++;
            }
        }
        Server firstActiveBackup = null;
        for (Server server : backupsByName) {
            if (usable(server) && server.weight() > 0) {
                firstActiveBackup = server;
                break;
            }
        }
        boolean panic = panicThreshold > 0 && activePrimaries * 100 < panicThreshold * primaries.size();
        Route next;
        if (activePrimaries > 0 && !panic) {
            next = Route.PRIMARIES;
        } else if (firstActiveBackup != null) {
            next = allBackups ? Route.ALL_BACKUPS : Route.FIRST_BACKUP;
        } else if (panic && primaries.stream().anyMatch(s -> states.get(s).admin == AdminState.READY && s.weight() > 0)) {
            next = Route.PANIC;
        } else {
            next = Route.NONE;
        }
        firstBackup = firstActiveBackup;
        if (next != route) {
            Route previous = route;
            route = next;
            if (previous != null) {
                logRouteChange(previous, next, activePrimaries);
            }
        }
    }

    private void logRouteChange(Route previous, Route next, int activePrimaries) {
        String where = switch (next) {
            case PRIMARIES -> "primary servers";
            case ALL_BACKUPS -> "all backup servers";
            case FIRST_BACKUP -> "backup server " + firstBackup.name();
            case PANIC -> "every ready primary server whatever its health (panic: below " + panicThreshold + "%)";
            case NONE -> "no server: requests get 503";
        };
        if (next == Route.NONE || next == Route.PANIC) {
            LOG.warn("backend {}: {} of {} primary servers active; traffic now goes to {}", name, activePrimaries,
                    primaries.size(), where);
        } else {
            LOG.info("backend {}: {} of {} primary servers active; traffic now goes to {} (was {})", name,
                    activePrimaries, primaries.size(), where, previous.name().toLowerCase());
        }
    }

    private List<ServerPool> poolsOf(Server server) {
        return server.backup() ? backupPools : primaryPools;
    }

    private boolean usable(Server server) {
        ServerState state = states.get(server);
        return state.healthy && state.admin == AdminState.READY;
    }

    private ServerState stateOf(Server server) {
        ServerState state = states.get(server);
        if (state == null || byName.get(server.name()) != server) {
            throw new IllegalArgumentException("server " + server + " does not belong to backend " + name);
        }
        return state;
    }

    /** A server's mutable state; written under the backend's lock, health and admin also read without it. */
    private static final class ServerState {

        static final long NOT_RAMPING = Long.MIN_VALUE;

        final Duration slowstart;
        volatile boolean healthy = true;
        volatile AdminState admin;
        int configuredWeight;
        long rampStartNanos = NOT_RAMPING;

        ServerState(int configuredWeight, Duration slowstart, AdminState admin) {
            this.configuredWeight = configuredWeight;
            this.slowstart = slowstart;
            this.admin = admin;
        }
    }
}
