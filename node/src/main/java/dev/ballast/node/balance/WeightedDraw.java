package dev.ballast.node.balance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An immutable snapshot for weighted random draws in O(1): Vose's alias method in exact integer arithmetic. With
 * n servers and total weight T, each of n columns holds T units: a column's own server up to its threshold, its
 * alias above it. A draw takes one 64-bit random number: the low half picks the column, the high half the unit
 * (each by multiply-shift, whose bias is below n ÷ 2^32), so server i comes out with probability exactly
 * weight(i) ÷ T up to that bias. T stays below 2^32 as weights are at most {@link Server#MAX_WEIGHT}.
 */
final class WeightedDraw {

    /** Random draws tried before falling back to a scan, when drawn servers may not take the request. */
    private static final int DRAWS = 3;

    private final Server[] servers;
    private final long[] thresholds;
    private final int[] aliases;
    private final long total;

    WeightedDraw(List<Server> serversByName) {
        servers = serversByName.toArray(new Server[0]);
        int n = servers.length;
        thresholds = new long[n];
        aliases = new int[n];
        long sum = 0;
        for (Server server : servers) {
            sum += server.weight();
        }
        total = sum;
        long[] scaled = new long[n];
        Deque<Integer> small = new ArrayDeque<>();
        Deque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            scaled[i] = (long) servers[i].weight() * n;
            aliases[i] = i;
            (scaled[i] < total ? small : large).push(i);
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int under = small.pop();
            int over = large.pop();
            thresholds[under] = scaled[under];
            aliases[under] = over;
            scaled[over] -= total - scaled[under];
            (scaled[over] < total ? small : large).push(over);
        }
        // The units add up to n × T and every paired column took exactly T, so what is left is full columns.
        for (int i : large) {
            thresholds[i] = total;
        }
    }

    /**
     * A server drawn with probability proportional to its weight at snapshot time, that may take the request; a
     * few draws, then a scan from a random server. Null if no server is eligible.
     */
    Server draw(Server avoid) {
        if (total == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            Server drawn = servers[indexOf(random.nextLong())];
            if (Candidates.eligible(drawn, avoid)) {
                return drawn;
            }
        }
        return Candidates.firstEligibleFrom(servers, random.nextInt(servers.length), avoid);
    }

    /** A weighted draw of an eligible server other than {@code first} (p2c's second choice); null if none. */
    Server drawOther(Server first, Server avoid) {
        int n = servers.length;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            Server drawn = servers[indexOf(random.nextLong())];
            if (drawn != first && Candidates.eligible(drawn, avoid)) {
                return drawn;
            }
        }
        int start = random.nextInt(n);
        for (int step = 0, i = start; step < n; step++, i = (i + 1 == n) ? 0 : i + 1) {
            if (servers[i] != first && Candidates.eligible(servers[i], avoid)) {
                return servers[i];
            }
        }
        return null;
    }

    private int indexOf(long random) {
        int column = (int) (((random & 0xFFFFFFFFL) * servers.length) >>> 32);
        long unit = ((random >>> 32) * total) >>> 32; // exact: both factors are below 2^32
        return unit < thresholds[column] ? column : aliases[column];
    }
}
