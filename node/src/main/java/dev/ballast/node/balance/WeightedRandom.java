package dev.ballast.node.balance;

import java.util.Collection;
import java.util.List;

/** {@code random}: each request goes to a server drawn with probability proportional to its weight. */
final class WeightedRandom extends MembershipBalancer {

    private volatile WeightedDraw weights;

    WeightedRandom(Collection<Server> initiallyUsable) {
        super(initiallyUsable);
        publishInitial();
    }

    @Override
    protected void rebuild(List<Server> usableByName) {
        weights = new WeightedDraw(usableByName);
    }

    @Override
    public Server pick(RequestContext request, Server avoid) {
        return weights.draw(avoid);
    }
}
