package dev.ballast.node.balance;

import java.util.List;

/**
 * An immutable hash table of a hashing balancer: a sequence of server indexes (ring points in order, Maglev
 * entries, a weighted map) and where a hash enters it. A key goes to the server at its entry; if that server may
 * not take the request (avoided, weight 0, at maxconn, or above its bounded-load cap) the walk goes on along the
 * sequence, which for every method visits other servers in a fixed order, so retries stay consistent across nodes.
 */
class HashLookup {

    /** Entries walked along the sequence, per usable server, before falling back to a scan in name order. */
    private static final int WALK_PER_SERVER = 2;

    final Server[] servers;
    final int[] sequence;
    private final long totalWeight;

    /** @param serversByName the usable servers; {@code sequence} holds indexes into it */
    HashLookup(List<Server> serversByName, int[] sequence) {
        this.servers = serversByName.toArray(new Server[0]);
        this.sequence = sequence;
        long sum = 0;
        for (Server server : servers) {
            sum += server.weight();
        }
        this.totalWeight = sum;
    }

    /**
     * Where in {@link #sequence} the walk for {@code hash} starts; only called when the sequence is not empty. Here,
     * for tables and maps: the high 32 bits of the hash scaled to the length, (hash >>> 32) × length >>> 32, a
     * uniform mapping that costs a multiplication instead of a division.
     */
    int entryOf(long hash) {
        return (int) (((hash >>> 32) * sequence.length) >>> 32);
    }

    final Server choose(long hash, Server avoid, BoundedLoad bound) {
        int length = sequence.length;
        if (length == 0) {
            return null;
        }
        int entry = entryOf(hash);
        int walk = (int) Math.min(length, WALK_PER_SERVER * (long) servers.length + 8);
        for (int step = 0, i = entry; step < walk; step++, i = (i + 1 == length) ? 0 : i + 1) {
            Server server = servers[sequence[i]];
            if (Candidates.eligible(server, avoid) && bound.admits(server, totalWeight)) {
                return server;
            }
        }
        int from = sequence[entry];
        int n = servers.length;
        for (int step = 0, i = from; step < n; step++, i = (i + 1 == n) ? 0 : i + 1) {
            Server server = servers[i];
            if (Candidates.eligible(server, avoid) && bound.admits(server, totalWeight)) {
                return server;
            }
        }
        // Every server below its cap is excluded (avoided or full): take any that can serve rather than refuse.
        return Candidates.firstEligibleFrom(servers, from, avoid);
    }
}
