package dev.ballast.node.balance;

import java.util.Collection;

/** {@code random}: each request goes to a server drawn with probability proportional to its weight. */
final class WeightedRandom extends WeightedDrawBalancer {

    WeightedRandom(Collection<Server> initiallyUsable) {
        super(initiallyUsable);
    }

    @Override
    public Server pick(RequestContext request, Server avoid) {
        return weights().draw(avoid);
    }
}
