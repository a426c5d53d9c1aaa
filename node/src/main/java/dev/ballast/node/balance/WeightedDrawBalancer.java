package dev.ballast.node.balance;

import java.util.Collection;
import java.util.List;

/** The shared part of the random-draw algorithms: a weighted draw table over the usable servers, rebuilt on change. */
abstract class WeightedDrawBalancer extends MembershipBalancer {

    private volatile WeightedDraw weights;

    WeightedDrawBalancer(Collection<Server> initiallyUsable) {
        super(initiallyUsable);
        publishInitial();
    }

    @Override
    protected final void rebuild(List<Server> usableByName) {
        weights = new WeightedDraw(usableByName);
    }

    /** The current draw table: an immutable snapshot, read once per pick. */
    protected final WeightedDraw weights() {
        return weights;
    }
}
