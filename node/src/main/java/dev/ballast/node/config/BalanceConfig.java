package dev.ballast.node.config;

import java.util.Optional;

/**
 * @param algorithm    how a server is chosen
 * @param hashKey      for {@code hash}: what is hashed
 * @param hashKeyName  for {@code hash} on header, cookie or query parameter: its name
 * @param hashMethod   for {@code hash}: consistent-hash ring or Maglev table
 * @param tableSize    Maglev table size (a prime)
 * @param virtualNodes ring points per unit of weight
 * @param balanceFactor bounded-load factor (e.g. 1.25); empty = unbounded
 */
public record BalanceConfig(
        Algorithm algorithm,
        HashKey hashKey,
        Optional<String> hashKeyName,
        HashMethod hashMethod,
        int tableSize,
        int virtualNodes,
        Optional<Double> balanceFactor) {

    public enum Algorithm { ROUNDROBIN, STATIC_RR, LEASTCONN, RANDOM, P2C, SOURCE, HASH }

    public enum HashKey { SOURCE, PATH, URI, HEADER, COOKIE, QUERY }

    public enum HashMethod { RING, MAGLEV }
}
