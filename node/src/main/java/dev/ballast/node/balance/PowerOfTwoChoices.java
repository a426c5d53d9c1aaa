package dev.ballast.node.balance;

import java.util.Collection;

/**
 * {@code p2c}: power of two choices. Two distinct servers are drawn at random by weight and the less loaded one
 * wins (load = (in-flight + 1) ÷ weight, in-flight counting the other cluster members' requests with
 * {@code cluster-wide-load}). Nearly as even as least connections, at the cost of two draws instead
 * of a scan, and without herding onto one idle server.
 */
final class PowerOfTwoChoices extends WeightedDrawBalancer {

    PowerOfTwoChoices(Collection<Server> initiallyUsable) {
        super(initiallyUsable);
    }

    @Override
    public Server pick(RequestContext request, Server avoid) {
        WeightedDraw snapshot = weights();
        Server first = snapshot.draw(avoid);
        if (first == null) {
            return null;
        }
        Server second = snapshot.drawOther(first, avoid);
        if (second == null) {
            return first;
        }
        return Candidates.lessLoaded(second, second.weight(), first, first.weight()) ? second : first;
    }
}
