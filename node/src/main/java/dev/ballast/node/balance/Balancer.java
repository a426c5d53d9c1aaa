package dev.ballast.node.balance;

/**
 * One load-balancing algorithm over one backend's servers (HAProxy's lb_* hooks, Envoy's LoadBalancer).
 *
 * <p>The backend tells the algorithm about state changes through the hooks below, so that each algorithm can keep
 * its structure up to date incrementally instead of rebuilding it per request; the backend never knows which
 * algorithm it holds. {@link #pick} runs on the data plane's event loops and must not block or take a lock that
 * the hooks hold for long.
 */
public interface Balancer {

    /**
     * Chooses a server for a request.
     *
     * @param request what the algorithm may hash or inspect
     * @param avoid   a server not to choose (the one that just failed, for a retry), or null
     * @return a usable server, or null when none is usable (the caller answers 503)
     */
    Server pick(RequestContext request, Server avoid);

    /** Precondition: the server was not usable and now is (health up, admin ready). */
    void serverUp(Server server);

    /** Precondition: the server was usable and now is not (health down, drain, maint or removed). */
    void serverDown(Server server);

    /** Precondition: the server's effective weight changed (admin action or slow-start step). */
    void weightChanged(Server server);

    /** A request or connection was given to the server; called after {@link #pick} returned it and it was used. */
    void connectionTaken(Server server);

    /** A request or connection given to the server has ended. */
    void connectionReleased(Server server);

    /**
     * Precondition: the server's load from other cluster members ({@link Server#remoteInFlight()}) changed.
     * Algorithms that read {@link Server#load()} live need nothing; those that keep a snapshot of it refresh it.
     */
    default void loadChanged(Server server) {
    }
}
