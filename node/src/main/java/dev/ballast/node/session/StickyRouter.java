package dev.ballast.node.session;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;
import dev.ballast.node.config.StickyConfig;

import java.time.Clock;

/**
 * Routes a request to a server of one backend, keeping sticky clients on their server: the proxy's one question
 * per request. A sticky client whose server is down, in maint, gone, or the one to avoid, is balanced afresh and
 * stuck to its new server (redispatch); a drained server keeps its sticky clients. A sticky server at its maxconn
 * is still the route (the proxy queues the request for it) rather than break the session.
 */
public interface StickyRouter {

    /**
     * @param avoid a server not to choose (the one that just failed, for a retry), or null
     */
    StickyRoute route(RequestContext request, Server avoid);

    /**
     * The router for a backend's {@code sticky:} section.
     *
     * @param store where source-IP sessions live (unused for the other modes)
     * @param clock wall-clock time of cookies and sessions
     */
    static StickyRouter create(StickyConfig config, BackendBalancer backend, SessionStore store, Clock clock) {
        return switch (config.mode()) {
            case NONE -> (request, avoid) -> StickyRoute.picked(backend.pick(request, avoid), backend.hasUsableServer());
            case COOKIE -> new CookieStickyRouter(new StickyCookie(config), backend, clock);
            case SOURCE -> new SourceStickyRouter(backend, store);
        };
    }

    /** The sticky server if it may still serve this client now, else null (the caller rebalances). */
    static StickyRoute stayOn(Server server, Server avoid, BackendBalancer backend, String setCookie) {
        if (server == null || server == avoid || !backend.acceptsStickyClient(server)) {
            return null;
        }
        // At its maxconn the server is still the route: the request waits in that server's queue.
        return StickyRoute.to(server, setCookie);
    }
}
