package dev.ballast.node.proxy;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.Balancer;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.BackendConfig;
import dev.ballast.node.config.ServerConfig;
import dev.ballast.node.config.ServerConfig.AdminState;
import dev.ballast.node.config.StickyConfig;
import dev.ballast.node.health.FailureKind;
import dev.ballast.node.health.PassiveHealth;
import dev.ballast.node.session.SessionStore;
import dev.ballast.node.session.SessionStoreFactory;
import dev.ballast.node.session.StickyCookie;
import dev.ballast.node.session.StickyRoute;
import dev.ballast.node.session.StickyRouter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backend at run time: its servers (the one place they are created from configuration), its balancer and each
 * server's request slots. Health checking and admin actions change a server's usability through
 * {@link #markUp} / {@link #markDown}, which call the balancer's hooks only on a real change, as the hooks require;
 * the proxy reports how real requests to each server went to {@link #passiveHealth()}.
 * Each request's server comes from {@link #route}, through the backend's {@link StickyRouter} when the balancer is
 * a {@link BackendBalancer} (production), which also takes run-time weight and admin-state changes.
 */
public final class Backend {

    private static final Logger LOG = LogManager.getLogger(Backend.class);
    /** Outcomes of a backend whose node runs no health checking: nothing to track. */
    private static final PassiveHealth NO_PASSIVE_HEALTH = new PassiveHealth() {
        @Override
        public void recordSuccess(Server server) {
        }

        @Override
        public void recordFailure(Server server, FailureKind kind) {
        }
    };

    private final BackendConfig config;
    private final List<Server> servers;
    private final Map<Server, ServerSlots> slots;
    private final Balancer balancer;
    private final Set<Server> usable;
    /** Null unless the balancer is a {@link BackendBalancer}: then requests are routed through it. */
    private final StickyRouter router;
    /** Source-IP sessions of this backend (empty in the other sticky modes). */
    private final SessionStore sessions;
    /** The inserted cookie in sticky mode cookie, else null. */
    private final StickyCookie stickyCookie;
    /** Set once when health checking starts; until then (and in a node without it) outcomes go nowhere. */
    private volatile PassiveHealth passiveHealth = NO_PASSIVE_HEALTH;

    private Backend(BackendConfig config, List<Server> servers, Balancer balancer, SessionStoreFactory stores,
                    Clock clock) {
        this.config = config;
        this.servers = servers;
        this.balancer = balancer;
        StickyConfig sticky = config.sticky();
        this.sessions = stores.create(config.name(), sticky);
        if (balancer instanceof BackendBalancer production) {
            this.router = StickyRouter.create(sticky, production, sessions, clock);
        } else if (sticky.mode() != StickyConfig.Mode.NONE) {
            throw new IllegalArgumentException("backend " + config.name() + ": sticky mode " + sticky.mode()
                    + " needs a BackendBalancer, got " + balancer.getClass().getName());
        } else {
            this.router = null;
        }
        this.stickyCookie = sticky.mode() == StickyConfig.Mode.COOKIE ? new StickyCookie(sticky) : null;
        Map<Server, ServerSlots> slotMap = new IdentityHashMap<>();
        for (Server server : servers) {
            slotMap.put(server, new ServerSlots(server.maxconn()));
        }
        this.slots = Collections.unmodifiableMap(slotMap);
        this.usable = Collections.newSetFromMap(new IdentityHashMap<>());
        this.usable.addAll(servers);
    }

    /**
     * Builds a backend from its configuration: one {@link Server} per configured server, a balancer over all of
     * them, then servers whose initial admin state is drain or maint are marked down (no new requests).
     */
    public static Backend create(BackendConfig config, BalancerFactory balancers) {
        Clock clock = Clock.systemUTC();
        return create(config, balancers, SessionStoreFactory.local(clock), clock);
    }

    /**
     * As {@link #create(BackendConfig, BalancerFactory)}, with source-IP sessions kept where {@code stores} says
     * (this node only, or the cluster's replicated table).
     *
     * @param clock wall-clock time of cookies and sessions (the replicated table's time)
     */
    public static Backend create(BackendConfig config, BalancerFactory balancers, SessionStoreFactory stores,
                                 Clock clock) {
        List<Server> servers = new ArrayList<>(config.servers().size());
        for (ServerConfig server : config.servers()) {
            servers.add(new Server(config.name(), server.name(), server.address(), server.weight(), server.backup(),
                    server.maxconn()));
        }
        List<Server> frozen = List.copyOf(servers);
        Backend backend = new Backend(config, frozen, balancers.create(config, frozen), stores, clock);
        for (int i = 0; i < frozen.size(); i++) {
            if (config.servers().get(i).state() != ServerConfig.AdminState.READY) {
                backend.markDown(frozen.get(i));
            }
        }
        return backend;
    }

    public String name() {
        return config.name();
    }

    public BackendConfig config() {
        return config;
    }

    public List<Server> servers() {
        return servers;
    }

    public Balancer balancer() {
        return balancer;
    }

    /**
     * Where a request goes, sticky sessions considered. A route without a server is QUEUE (every usable server
     * may be at its maxconn: see {@link #shortestQueueAtMaxconn}) or UNAVAILABLE (503).
     *
     * @param avoid a server not to choose (the one that just failed, for a retry), or null
     */
    public StickyRoute route(RequestContext request, Server avoid) {
        if (router != null) {
            return router.route(request, avoid);
        }
        Server picked = balancer.pick(request, avoid);
        return picked == null ? StickyRoute.QUEUE : StickyRoute.to(picked, null);
    }

    /** The inserted sticky cookie, to be stripped from requests before they reach a server; null when none. */
    public StickyCookie stickyCookie() {
        return stickyCookie;
    }

    /** The source-IP sessions of this backend, keyed "backend/address" (empty in the other sticky modes). */
    public SessionStore sessions() {
        return sessions;
    }

    /** Drops expired sticky sessions so that idle ones do not linger until evicted; returns how many. */
    public int purgeExpiredSessions() {
        return sessions.purgeExpired();
    }

    /** Sets a server's weight at run time (0..{@link Server#MAX_WEIGHT}); the algorithm keeps its state. */
    public void setWeight(String serverName, int weight) {
        Server server = server(serverName);
        productionBalancer("weights").setWeight(server, weight);
    }

    /** Sets a server's admin state at run time: ready, drain (sticky clients only) or maint (nothing). */
    public void setAdminState(String serverName, AdminState state) {
        Server server = server(serverName);
        productionBalancer("admin states").setAdminState(server, state);
    }

    private Server server(String serverName) {
        for (Server server : servers) {
            if (server.name().equals(serverName)) {
                return server;
            }
        }
        throw new IllegalArgumentException("backend " + name() + " has no server named '" + serverName + "'");
    }

    private BackendBalancer productionBalancer(String what) {
        if (balancer instanceof BackendBalancer production) {
            return production;
        }
        throw new IllegalStateException("backend " + name() + ": run-time " + what + " need a BackendBalancer, got "
                + balancer.getClass().getName());
    }

    /** Where the proxy reports each real request's outcome (passive ejection). */
    public PassiveHealth passiveHealth() {
        return passiveHealth;
    }

    /**
     * Connects the proxy's request outcomes to this backend's health checker; once, before traffic flows.
     *
     * @throws IllegalStateException when outcomes are already reported elsewhere
     */
    public void reportOutcomesTo(PassiveHealth tracker) {
        if (passiveHealth != NO_PASSIVE_HEALTH) {
            throw new IllegalStateException("backend " + name() + " already reports request outcomes to a tracker");
        }
        passiveHealth = tracker;
    }

    public ServerSlots slots(Server server) {
        ServerSlots found = slots.get(server);
        if (found == null) {
            throw new IllegalArgumentException(server + " is not a server of backend " + name());
        }
        return found;
    }

    /** The server becomes usable (health up, admin ready); no-op when it already is. */
    public void markUp(Server server) {
        synchronized (usable) {
            slots(server);
            if (!usable.add(server)) {
                return;
            }
            balancer.serverUp(server);
        }
        LOG.info("Server {} is now usable", server);
    }

    /** The server stops taking new requests (health down, drain, maint); no-op when it already is unusable. */
    public void markDown(Server server) {
        synchronized (usable) {
            slots(server);
            if (!usable.remove(server)) {
                return;
            }
            balancer.serverDown(server);
        }
        LOG.info("Server {} is now unusable", server);
    }

    /**
     * A usable server at its maxconn with the fewest requests waiting, other than {@code avoid}; null when some
     * usable server still has room or none is usable.
     */
    public Server shortestQueueAtMaxconn(Server avoid) {
        Server best = null;
        int bestQueued = Integer.MAX_VALUE;
        synchronized (usable) {
            for (Server server : servers) {
                if (server == avoid || !usable.contains(server)) {
                    continue;
                }
                if (!server.isFull()) {
                    return null;
                }
                int queued = slots.get(server).queued();
                if (queued < bestQueued) {
                    best = server;
                    bestQueued = queued;
                }
            }
        }
        return best;
    }

    public boolean isUsable(Server server) {
        synchronized (usable) {
            return usable.contains(server);
        }
    }
}
