package dev.ballast.node.balance;

import java.util.Collection;
import java.util.List;

/**
 * {@code source}: the client's IP address hashed onto the weighted map of the usable servers (HAProxy's
 * map-based {@code balance source}): a client keeps its server while the set of servers is unchanged; when it
 * changes, many clients move (use {@code hash} with key source and {@code ring} or {@code maglev} to move few).
 * The map is the smooth weighted round-robin cycle, so each server owns a share of entries equal to its weight.
 */
final class SourceHash extends HashBalancer {

    SourceHash(Collection<Server> initiallyUsable) {
        super(initiallyUsable, RequestContext::clientAddress, BoundedLoad.unbounded());
        publishInitial();
    }

    @Override
    protected HashLookup build(List<Server> usableByName) {
        int[] weights = new int[usableByName.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = usableByName.get(i).weight();
        }
        return new HashLookup(usableByName, SmoothWeightedSchedule.cycle(weights));
    }
}
