package dev.ballast.node.balance;

import dev.ballast.node.config.BalanceConfig;

import java.util.Collection;
import java.util.List;

/** Builds the {@link Balancer} a backend's {@code balance:} section names. */
public final class Balancers {

    private Balancers() {
    }

    /** A balancer over {@code servers}, all of them usable from the start. */
    public static Balancer create(BalanceConfig config, List<Server> servers) {
        return create(config, servers, servers);
    }

    /**
     * A balancer over a pool of servers of which some are usable from the start; the others come in through
     * {@link Balancer#serverUp}. Building with the right initial set spares one table rebuild per server.
     *
     * @param pool            every server the balancer may ever hold (sizes the Maglev table, fixes static-rr weights)
     * @param initiallyUsable the servers usable now, a subset of the pool
     * @throws IllegalArgumentException when the configuration is inconsistent (e.g. a header key without a name)
     */
    public static Balancer create(BalanceConfig config, List<Server> pool, Collection<Server> initiallyUsable) {
        return switch (config.algorithm()) {
            case ROUNDROBIN -> new RoundRobin(initiallyUsable);
            case STATIC_RR -> new StaticRoundRobin(pool, initiallyUsable);
            case LEASTCONN -> new LeastConnections(initiallyUsable);
            case RANDOM -> new WeightedRandom(initiallyUsable);
            case P2C -> new PowerOfTwoChoices(initiallyUsable);
            case SOURCE -> new SourceHash(initiallyUsable);
            case HASH -> {
                HashKeyExtractor keys = HashKeyExtractor.of(config.hashKey(), config.hashKeyName());
                BoundedLoad bound = BoundedLoad.of(config.balanceFactor());
                yield switch (config.hashMethod()) {
                    case RING -> new RingHash(initiallyUsable, keys, bound, config.virtualNodes());
                    case MAGLEV -> new MaglevHash(initiallyUsable, keys, bound, config.tableSize(), pool.size());
                };
            }
        };
    }
}
