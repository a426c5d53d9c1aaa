package dev.ballast.node.session;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Stickiness by inserted cookie: the cookie names the server; no state is kept on the node. */
final class CookieStickyRouter implements StickyRouter {

    private final StickyCookie cookie;
    private final BackendBalancer backend;
    private final Clock clock;
    private final Map<String, Server> serversById = new HashMap<>();
    private final Map<Server, String> idsByServer = new HashMap<>();

    CookieStickyRouter(StickyCookie cookie, BackendBalancer backend, Clock clock) {
        this.cookie = cookie;
        this.backend = backend;
        this.clock = clock;
        for (Server server : backend.servers()) {
            String id = StickyCookie.serverId(backend.name(), server.name());
            Server clash = serversById.putIfAbsent(id, server);
            if (clash != null) {
                throw new IllegalStateException("servers " + clash + " and " + server + " have the same cookie id "
                        + id + "; rename one of them");
            }
            idsByServer.put(server, id);
        }
    }

    @Override
    public StickyRoute route(RequestContext request, Server avoid) {
        long now = clock.instant().getEpochSecond();
        StickyCookie.Value value = cookie.decode(request.cookie(cookie.name()));
        if (value != null && !cookie.expired(value, now)) {
            String refresh = cookie.needsRefresh(value, now)
                    ? cookie.setCookie(new StickyCookie.Value(value.serverId(), value.createdSeconds(), now), now)
                    : null;
            StickyRoute stay = StickyRouter.stayOn(serversById.get(value.serverId()), avoid, backend, refresh);
            if (stay != null) {
                return stay;
            }
        }
        Server picked = backend.pick(request, avoid);
        if (picked == null) {
            return StickyRoute.picked(null, backend.hasUsableServer());
        }
        StickyCookie.Value fresh = new StickyCookie.Value(idsByServer.get(picked), now, now);
        return StickyRoute.to(picked, cookie.setCookie(fresh, now));
    }
}
