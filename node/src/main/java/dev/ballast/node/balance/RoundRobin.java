package dev.ballast.node.balance;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code roundrobin}: nginx's smooth weighted round robin over the current effective weights (weights {a:5, b:1,
 * c:1} give a a b a c a a). Weight changes, slow-start steps included, take effect at once by rebuilding the cycle;
 * the pick is a counter increment and an array read, lock-free.
 */
final class RoundRobin extends MembershipBalancer {

    private final AtomicLong position = new AtomicLong();
    private volatile SmoothWeightedSchedule schedule;

    RoundRobin(Collection<Server> initiallyUsable) {
        super(initiallyUsable);
        publishInitial();
    }

    @Override
    protected void rebuild(List<Server> usableByName) {
        schedule = SmoothWeightedSchedule.of(usableByName, Server::weight);
    }

    @Override
    public Server pick(RequestContext request, Server avoid) {
        return schedule.at(position.getAndIncrement(), avoid);
    }
}
