package dev.ballast.node.balance;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code static-rr}: weighted round robin over the weights the servers had when the balancer was built, as HAProxy's
 * static-rr: changing a weight at run time (or slow start) does not change the cycle, except that a server whose
 * weight is 0 now takes no new request. Servers going up and down still rebuild the cycle.
 */
final class StaticRoundRobin extends MembershipBalancer {

    private final Map<Server, Integer> staticWeights = new HashMap<>();
    private final AtomicLong position = new AtomicLong();
    private volatile SmoothWeightedSchedule schedule;

    /** @param allServers every server this balancer may ever hold, to remember their weights at build time */
    StaticRoundRobin(Collection<Server> allServers, Collection<Server> initiallyUsable) {
        super(initiallyUsable);
        for (Server server : allServers) {
            staticWeights.put(server, server.weight());
        }
        for (Server server : initiallyUsable) {
            staticWeights.putIfAbsent(server, server.weight());
        }
        publishInitial();
    }

    @Override
    protected void rebuild(List<Server> usableByName) {
        for (Server server : usableByName) {
            staticWeights.putIfAbsent(server, server.weight());
        }
        schedule = SmoothWeightedSchedule.of(usableByName, staticWeights::get);
    }

    @Override
    public void weightChanged(Server server) {
        // Static by definition; a weight of 0 is honoured at pick time by Candidates.eligible.
    }

    @Override
    public Server pick(RequestContext request, Server avoid) {
        return schedule.at(position.getAndIncrement(), avoid);
    }
}
