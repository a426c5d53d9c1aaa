package dev.ballast.node.balance;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The cycle of nginx's smooth weighted round robin, computed once and immutable. Each step adds every server's
 * weight to its running score, picks the highest score (ties: the earlier server by name) and takes the total weight
 * off the winner. After Σweights steps every score is back to 0, so the sequence is periodic and is replayed from an
 * array: a pick is one array read. Weights are first divided by their greatest common divisor, which yields the same
 * sequence in a shorter cycle. Building costs O(servers × cycle length), off the pick path.
 *
 * <p>Used by {@code roundrobin} and {@code static-rr} (position = a counter) and by {@code source} (position = the
 * client's hash, HAProxy's map-based hashing).
 */
final class SmoothWeightedSchedule {

    private final Server[] servers;
    private final int[] cycle;

    private SmoothWeightedSchedule(Server[] servers, int[] cycle) {
        this.servers = servers;
        this.cycle = cycle;
    }

    /** @param serversByName the usable servers sorted by name; {@code weight} gives each one's weight (>= 0) */
    static SmoothWeightedSchedule of(List<Server> serversByName, ToIntFunction<Server> weight) {
        Server[] servers = serversByName.toArray(new Server[0]);
        int[] weights = new int[servers.length];
        for (int i = 0; i < servers.length; i++) {
            weights[i] = weight.applyAsInt(servers[i]);
        }
        return new SmoothWeightedSchedule(servers, cycle(weights));
    }

    /**
     * The server at {@code position} of the endless sequence; if it may not take the request, the next eligible
     * server in name order (a skipped server loses its turn, as in HAProxy). Null if no server is eligible.
     */
    Server at(long position, Server avoid) {
        if (cycle.length == 0) {
            return null;
        }
        int index = cycle[(int) Long.remainderUnsigned(position, cycle.length)];
        Server scheduled = servers[index];
        if (Candidates.eligible(scheduled, avoid)) {
            return scheduled;
        }
        return Candidates.firstEligibleFrom(servers, index + 1, avoid);
    }

    /** Steps in one cycle: Σweights ÷ gcd(weights). */
    int length() {
        return cycle.length;
    }

    /**
     * @param weights one weight per server, each >= 0
     * @return the indexes of the servers in pick order over one cycle; empty when every weight is 0
     */
    static int[] cycle(int[] weights) {
        int divisor = 0;
        for (int w : weights) {
            divisor = gcd(divisor, w);
        }
        if (divisor == 0) {
            return new int[0];
        }
        int n = weights.length;
        int[] reduced = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            reduced[i] = weights[i] / divisor;
            total += reduced[i];
        }
        long[] score = new long[n];
        int[] cycle = new int[total];
        for (int step = 0; step < total; step++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (reduced[i] == 0) {
                    continue;
                }
                score[i] += reduced[i];
                if (best < 0 || score[i] > score[best]) {
                    best = i;
                }
            }
            score[best] -= total;
            cycle[step] = best;
        }
        return cycle;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
