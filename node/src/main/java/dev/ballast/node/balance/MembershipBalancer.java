package dev.ballast.node.balance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The part every algorithm shares: which servers are usable now, kept sorted by stable name so that every node
 * derives the same structure from the same set. The hooks run under this object's lock (they come from the health
 * checker, the admin API and slow-start ticks, rarely and possibly at once); they hand the new set to
 * {@link #rebuild}, which publishes an immutable snapshot through a volatile field that {@link #pick} reads
 * without any lock.
 */
abstract class MembershipBalancer implements Balancer {

    private final TreeMap<String, Server> usable = new TreeMap<>();

    /** @param initiallyUsable the servers usable from the start; the subclass constructor must end with {@link #publishInitial()} */
    MembershipBalancer(Collection<Server> initiallyUsable) {
        for (Server server : initiallyUsable) {
            Server previous = usable.put(server.name(), server);
            if (previous != null) {
                throw new IllegalArgumentException("two servers named '" + server.name() + "' in backend " + server.backend());
            }
        }
    }

    /**
     * Builds and publishes the structure for {@code usableByName}. Called with the lock held, never concurrently.
     *
     * @param usableByName the usable servers, sorted by name; a fresh list the subclass may keep
     */
    protected abstract void rebuild(List<Server> usableByName);

    protected final synchronized void publishInitial() {
        rebuild(new ArrayList<>(usable.values()));
    }

    @Override
    public final synchronized void serverUp(Server server) {
        Server previous = usable.putIfAbsent(server.name(), server);
        if (previous == null) {
            rebuild(new ArrayList<>(usable.values()));
        } else if (previous != server) {
            throw new IllegalArgumentException("a different server named '" + server.name() + "' is already usable");
        }
    }

    @Override
    public final synchronized void serverDown(Server server) {
        if (usable.remove(server.name(), server)) {
            rebuild(new ArrayList<>(usable.values()));
        }
    }

    /** Rebuilds with the new weight if the server is usable; algorithms that read weights live override this. */
    @Override
    public synchronized void weightChanged(Server server) {
        if (usable.get(server.name()) == server) {
            rebuild(new ArrayList<>(usable.values()));
        }
    }

    /** Most algorithms read {@link Server#inFlight()} directly and need no bookkeeping here. */
    @Override
    public void connectionTaken(Server server) {
    }

    @Override
    public void connectionReleased(Server server) {
    }
}
