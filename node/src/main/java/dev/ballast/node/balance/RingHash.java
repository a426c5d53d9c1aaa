package dev.ballast.node.balance;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * {@code hash} by {@code ring}: consistent hashing with virtual nodes (Karger et al.; HAProxy's lb_chash, Envoy's
 * ring_hash_lb). Each server puts virtualNodes × weight points on a 64-bit ring, point j at XXH64(name, seed j);
 * a key goes to the first point at or after its hash, clockwise. Removing a server moves only its own keys.
 *
 * <p>A point is stored as one long: the top 44 bits of its hash, then 20 bits of its server's index in name order,
 * so a plain sort orders the ring and breaks (rare) position ties by name, identically on every node.
 */
final class RingHash extends HashBalancer {

    /** Points on one ring at most (12 MB); beyond it every server's share is scaled down in proportion. */
    static final int MAX_POINTS = 1 << 20;
    private static final int INDEX_BITS = 20;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private final int virtualNodes;

    RingHash(Collection<Server> initiallyUsable, HashKeyExtractor keys, BoundedLoad bound, int virtualNodes) {
        super(initiallyUsable, keys, bound);
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtual nodes per unit of weight must be >= 1, got " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
        publishInitial();
    }

    @Override
    protected HashLookup build(List<Server> usableByName) {
        if (usableByName.size() > INDEX_MASK) {
            throw new IllegalArgumentException("a ring holds at most " + INDEX_MASK + " servers");
        }
        long wanted = 0;
        for (Server server : usableByName) {
            wanted += (long) virtualNodes * server.weight();
        }
        double scale = wanted > MAX_POINTS ? (double) MAX_POINTS / wanted : 1.0;
        long[] encoded = new long[(int) Math.min(wanted, MAX_POINTS + (long) usableByName.size())];
        int count = 0;
        for (int index = 0; index < usableByName.size(); index++) {
            Server server = usableByName.get(index);
            int points = pointsOf(server.weight(), scale);
            for (int j = 0; j < points; j++) {
                long position = Hash64.hash(server.name(), j) >>> INDEX_BITS << INDEX_BITS;
                encoded[count++] = position | index;
            }
        }
        encoded = Arrays.copyOf(encoded, count);
        Arrays.sort(encoded);
        int[] owners = new int[count];
        for (int i = 0; i < count; i++) {
            owners[i] = (int) (encoded[i] & INDEX_MASK);
        }
        return new Ring(usableByName, owners, encoded);
    }

    private int pointsOf(int weight, double scale) {
        if (weight == 0) {
            return 0;
        }
        return Math.max(1, (int) (virtualNodes * weight * scale));
    }

    /**
     * The ring's points, with an index of where each of 2^b buckets of the ring starts (b such that a bucket holds
     * about four points), so a lookup binary-searches a handful of points instead of the whole ring.
     */
    static final class Ring extends HashLookup {

        private final long[] encoded;
        private final int bucketBits;
        private final int[] bucketStarts;

        Ring(List<Server> serversByName, int[] owners, long[] encoded) {
            super(serversByName, owners);
            this.encoded = encoded;
            this.bucketBits = Math.max(1, Math.min(16, 31 - Integer.numberOfLeadingZeros(Math.max(1, encoded.length)) - 2));
            this.bucketStarts = new int[(1 << bucketBits) + 1];
            int point = 0;
            for (int bucket = 0; bucket <= 1 << bucketBits; bucket++) {
                while (point < encoded.length && bucketOf(encoded[point]) < bucket) {
                    point++;
                }
                bucketStarts[bucket] = point;
            }
        }

        @Override
        int entryOf(long hash) {
            long position = hash >>> INDEX_BITS << INDEX_BITS;
            int bucket = bucketOf(position);
            int from = bucketStarts[bucket];
            int to = bucketStarts[bucket + 1];
            int at = Arrays.binarySearch(encoded, from, to, position);
            int entry = at >= 0 ? at : -at - 1;
            return entry == encoded.length ? 0 : entry;
        }

        /** The position on the ring of the point at {@code entry} (its hash with the low 20 bits cleared). */
        long positionAt(int entry) {
            return encoded[entry] >>> INDEX_BITS << INDEX_BITS;
        }

        /** Buckets follow the signed order of the points: flipping the sign bit makes it the unsigned order. */
        private int bucketOf(long point) {
            return (int) ((point ^ Long.MIN_VALUE) >>> (64 - bucketBits));
        }
    }
}
