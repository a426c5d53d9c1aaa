package dev.ballast.node.balance;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared half of the hashing algorithms ({@code hash} by ring or Maglev, {@code source}): extract the key,
 * hash it with {@link Hash64}, look it up in the current immutable table. A request without the key (no such
 * header, cookie or parameter) is spread by hashing a counter instead, as HAProxy falls back to round robin.
 * Taken and released requests are counted for the bounded-load cap.
 */
abstract class HashBalancer extends MembershipBalancer {

    private final HashKeyExtractor keys;
    private final BoundedLoad bound;
    private final AtomicLong keyless = new AtomicLong();
    private volatile HashLookup lookup;

    HashBalancer(Collection<Server> initiallyUsable, HashKeyExtractor keys, BoundedLoad bound) {
        super(initiallyUsable);
        this.keys = keys;
        this.bound = bound;
    }

    /** Builds the table for the usable servers, sorted by name; called off the pick path. */
    protected abstract HashLookup build(List<Server> usableByName);

    @Override
    protected final void rebuild(List<Server> usableByName) {
        lookup = build(usableByName);
    }

    @Override
    public final Server pick(RequestContext request, Server avoid) {
        String key = keys.keyOf(request);
        long hash = key == null ? Hash64.mix(keyless.getAndIncrement()) : Hash64.hash(key);
        return lookup.choose(hash, avoid, bound);
    }

    @Override
    public final void connectionTaken(Server server) {
        bound.taken();
    }

    @Override
    public final void connectionReleased(Server server) {
        bound.released();
    }
}
