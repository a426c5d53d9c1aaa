package dev.ballast.node.balance;

import java.util.Collection;

/**
 * {@code leastconn}: weighted least connections on in-flight requests ({@link Server#load()}: this node's, plus
 * the other cluster members' with {@code cluster-wide-load}). The server with the lowest (load + 1) ÷ weight wins
 * (HAProxy fwlc's key: the load it would carry with this request); among equals, the one whose load changed
 * longest ago, which breaks ties round-robin. The servers sit in a {@link LoadHeap} that each
 * hook updates incrementally in O(log n), so a pick reads the top instead of scanning every server. Hooks and picks
 * share one short lock, as HAProxy's lbprm lock: the heap is mutated on every taken and released request, which an
 * immutable snapshot could not follow.
 *
 * <p>Precondition of {@link #connectionTaken} and {@link #connectionReleased}: the server's in-flight counter has
 * already been changed ({@link BackendBalancer} does both in that order).
 */
final class LeastConnections implements Balancer {

    private final LoadHeap heap = new LoadHeap();

    LeastConnections(Collection<Server> initiallyUsable) {
        initiallyUsable.forEach(heap::add);
    }

    @Override
    public synchronized Server pick(RequestContext request, Server avoid) {
        return heap.leastLoaded(avoid);
    }

    @Override
    public synchronized void serverUp(Server server) {
        heap.add(server);
    }

    @Override
    public synchronized void serverDown(Server server) {
        heap.remove(server);
    }

    @Override
    public synchronized void weightChanged(Server server) {
        heap.update(server);
    }

    @Override
    public synchronized void connectionTaken(Server server) {
        heap.update(server);
    }

    @Override
    public synchronized void connectionReleased(Server server) {
        heap.update(server);
    }

    @Override
    public synchronized void loadChanged(Server server) {
        heap.update(server);
    }
}
