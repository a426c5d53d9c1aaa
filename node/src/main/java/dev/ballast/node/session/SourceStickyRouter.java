package dev.ballast.node.session;

import dev.ballast.node.balance.BackendBalancer;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;

/**
 * Source-IP affinity: a client address stays on its server while its session in the store lives (idle TTL =
 * max-idle). Keys are "backend/address", so one store may serve every backend.
 */
final class SourceStickyRouter implements StickyRouter {

    private final BackendBalancer backend;
    private final SessionStore store;

    SourceStickyRouter(BackendBalancer backend, SessionStore store) {
        this.backend = backend;
        this.store = store;
    }

    @Override
    public StickyRoute route(RequestContext request, Server avoid) {
        String address = request.clientAddress();
        if (address == null) {
            return StickyRoute.picked(backend.pick(request, avoid), backend.hasUsableServer());
        }
        String key = backend.name() + "/" + address;
        StickySession session = store.touch(key);
        if (session != null) {
            Server stuck = backend.server(session.serverName()).orElse(null);
            StickyRoute stay = StickyRouter.stayOn(stuck, avoid, backend, null);
            if (stay != null) {
                return stay;
            }
        }
        Server picked = backend.pick(request, avoid);
        if (picked == null) {
            return StickyRoute.picked(null, backend.hasUsableServer());
        }
        store.put(key, picked.name());
        return StickyRoute.to(picked, null);
    }
}
