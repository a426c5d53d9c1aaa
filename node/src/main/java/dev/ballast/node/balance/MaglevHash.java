package dev.ballast.node.balance;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * {@code hash} by {@code maglev}: the Maglev lookup table (Eisenbud et al., NSDI 2016; Envoy's maglev_lb). Every
 * server walks its own permutation of the table, offset = XXH64(name, OFFSET_SEED) mod M and
 * skip = XXH64(name, SKIP_SEED) mod (M − 1) + 1, and the servers take turns claiming their next free entry until
 * the table is full. With equal weights each server owns M ÷ N entries, give or take one. Weights as Envoy: in each
 * round a server takes an entry only while its count stays within weight ÷ max weight of the rounds so far.
 * A key goes to entry (hash >>> 32) × M >>> 32 (see {@link HashLookup#entryOf}). The table size M is the smallest prime >= max(configured size, 100 × servers in
 * the pool), so it does not change as servers go up and down.
 */
final class MaglevHash extends HashBalancer {

    private static final long OFFSET_SEED = 0x4d41474c45564f46L; // "MAGLEVOF"
    private static final long SKIP_SEED = 0x4d41474c45565350L; // "MAGLEVSP"

    private final int tableSize;

    /** @param poolSize how many servers this balancer may ever hold */
    MaglevHash(Collection<Server> initiallyUsable, HashKeyExtractor keys, BoundedLoad bound,
            int configuredTableSize, int poolSize) {
        super(initiallyUsable, keys, bound);
        this.tableSize = tableSize(configuredTableSize, poolSize);
        publishInitial();
    }

    /** The smallest prime >= max(configured, 100 × servers). */
    static int tableSize(int configured, int servers) {
        if (configured < 2) {
            throw new IllegalArgumentException("Maglev table size must be a prime >= 2, got " + configured);
        }
        long wanted = Math.max(configured, 100L * servers);
        if (wanted > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("Maglev table for " + servers + " servers would be too large");
        }
        int candidate = (int) wanted;
        while (!isPrime(candidate)) {
            candidate++;
        }
        return candidate;
    }

    int tableSize() {
        return tableSize;
    }

    @Override
    protected HashLookup build(List<Server> usableByName) {
        int n = usableByName.size();
        int[] weights = new int[n];
        int[] next = new int[n];
        int[] skip = new int[n];
        int[] taken = new int[n];
        int maxWeight = 0;
        for (int i = 0; i < n; i++) {
            Server server = usableByName.get(i);
            weights[i] = server.weight();
            maxWeight = Math.max(maxWeight, weights[i]);
            next[i] = (int) Long.remainderUnsigned(Hash64.hash(server.name(), OFFSET_SEED), tableSize);
            skip[i] = (int) Long.remainderUnsigned(Hash64.hash(server.name(), SKIP_SEED), tableSize - 1) + 1;
        }
        if (maxWeight == 0) {
            return new HashLookup(usableByName, new int[0]);
        }
        int[] table = new int[tableSize];
        Arrays.fill(table, -1);
        int filled = 0;
        for (long round = 1; filled < tableSize; round++) {
            for (int i = 0; i < n && filled < tableSize; i++) {
                if ((long) taken[i] * maxWeight >= round * weights[i]) {
                    continue;
                }
                int entry = next[i];
                while (table[entry] >= 0) {
                    entry = advance(entry, skip[i]);
                }
                table[entry] = i;
                next[i] = advance(entry, skip[i]);
                taken[i]++;
                filled++;
            }
        }
        return new HashLookup(usableByName, table);
    }

    private int advance(int entry, int step) {
        int sum = entry + step;
        return sum >= tableSize ? sum - tableSize : sum;
    }

    private static boolean isPrime(int candidate) {
        if (candidate < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= candidate; d++) {
            if (candidate % d == 0) {
                return false;
            }
        }
        return true;
    }
}
