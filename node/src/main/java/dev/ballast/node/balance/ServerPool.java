package dev.ballast.node.balance;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One balancer and the rule deciding which servers belong in it (e.g. "non-backup, healthy, ready"). The backend
 * re-evaluates a server after each change and the pool turns the difference into the balancer's up/down hooks, so
 * each hook is only called when its precondition holds. Not thread-safe: the backend calls it under its lock.
 */
final class ServerPool {

    private final Balancer balancer;
    private final Predicate<Server> belongs;
    private final Set<Server> members = new HashSet<>();

    /** @param initialMembers the servers the balancer was built with as usable */
    ServerPool(Balancer balancer, Predicate<Server> belongs, Iterable<Server> initialMembers) {
        this.balancer = balancer;
        this.belongs = belongs;
        initialMembers.forEach(members::add);
    }

    Balancer balancer() {
        return balancer;
    }

    /** Re-evaluates {@code server} against the rule and tells the balancer if it joined or left. */
    void reevaluate(Server server) {
        boolean member = belongs.test(server);
        if (member && members.add(server)) {
            balancer.serverUp(server);
        } else if (!member && members.remove(server)) {
            balancer.serverDown(server);
        }
    }

    void weightChanged(Server server) {
        if (members.contains(server)) {
            balancer.weightChanged(server);
        }
    }
}
