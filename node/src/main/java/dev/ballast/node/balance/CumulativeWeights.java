package dev.ballast.node.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An immutable snapshot for weighted random draws: the usable servers by name and the running sum of their
 * weights. A draw is one random number and a binary search.
 */
final class CumulativeWeights {

    /** Random draws tried before falling back to a scan, when drawn servers may not take the request. */
    private static final int DRAWS = 3;

    private final Server[] servers;
    private final long[] upperBounds;

    CumulativeWeights(List<Server> serversByName) {
        servers = serversByName.toArray(new Server[0]);
        upperBounds = new long[servers.length];
        long sum = 0;
        for (int i = 0; i < servers.length; i++) {
            sum += servers[i].weight();
            upperBounds[i] = sum;
        }
    }

    int size() {
        return servers.length;
    }

    /**
     * A server drawn with probability proportional to its weight at snapshot time, that may take the request; a
     * few draws, then a scan from a random server. Null if no server is eligible.
     */
    Server draw(Server avoid) {
        int n = servers.length;
        long total = n == 0 ? 0 : upperBounds[n - 1];
        if (total == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            Server drawn = servers[indexOf(random.nextLong(total))];
            if (Candidates.eligible(drawn, avoid)) {
                return drawn;
            }
        }
        return Candidates.firstEligibleFrom(servers, random.nextInt(n), avoid);
    }

    /** A weighted draw of an eligible server other than {@code first} (p2c's second choice); null if none. */
    Server drawOther(Server first, Server avoid) {
        int n = servers.length;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long total = upperBounds[n - 1];
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            Server drawn = servers[indexOf(random.nextLong(total))];
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

    /** The first index whose running sum exceeds {@code point}. */
    private int indexOf(long point) {
        int low = 0;
        int high = upperBounds.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (upperBounds[mid] > point) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
