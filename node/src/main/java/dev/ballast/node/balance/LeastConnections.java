package dev.ballast.node.balance;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code leastconn}: weighted least connections on in-flight requests. The server with the lowest
 * (in-flight + 1) ÷ weight wins (HAProxy fwlc's key: the load it would carry with this request); ties are broken
 * round-robin by starting each scan one server further. Loads and weights are read live from the servers, so
 * weight changes and taken or released requests need no bookkeeping; the pick scans the usable servers once,
 * without a lock.
 */
final class LeastConnections extends MembershipBalancer {

    private final AtomicInteger rotation = new AtomicInteger();
    private volatile Server[] servers;

    LeastConnections(Collection<Server> initiallyUsable) {
        super(initiallyUsable);
        publishInitial();
    }

    @Override
    protected void rebuild(List<Server> usableByName) {
        servers = usableByName.toArray(new Server[0]);
    }

    @Override
    public void weightChanged(Server server) {
        // Weights are read at every pick.
    }

    @Override
    public Server pick(RequestContext request, Server avoid) {
        Server[] candidates = servers;
        int n = candidates.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(rotation.getAndIncrement(), n);
        Server best = null;
        int bestWeight = 0;
        for (int step = 0, i = start; step < n; step++, i = (i + 1 == n) ? 0 : i + 1) {
            Server server = candidates[i];
            int weight = server.weight();
            if (weight == 0 || server == avoid || server.isFull()) {
                continue;
            }
            if (best == null || Candidates.lessLoaded(server, weight, best, bestWeight)) {
                best = server;
                bestWeight = weight;
            }
        }
        return best;
    }
}
