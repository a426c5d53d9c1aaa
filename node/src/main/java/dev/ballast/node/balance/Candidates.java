package dev.ballast.node.balance;

/** The rules every algorithm applies to a candidate server, in one place. */
final class Candidates {

    private Candidates() {
    }

    /** A usable server may take a new request unless it is the one to avoid, has weight 0 or is at its maxconn. */
    static boolean eligible(Server server, Server avoid) {
        return server != avoid && server.weight() > 0 && !server.isFull();
    }

    /** The first eligible server at or after {@code start}, wrapping around once; null if there is none. */
    static Server firstEligibleFrom(Server[] servers, int start, Server avoid) {
        int n = servers.length;
        for (int i = start; i < n; i++) {
            if (eligible(servers[i], avoid)) {
                return servers[i];
            }
        }
        for (int i = 0; i < start && i < n; i++) {
            if (eligible(servers[i], avoid)) {
                return servers[i];
            }
        }
        return null;
    }

    /**
     * Whether {@code a} is strictly less loaded than {@code b}, load being ({@link Server#load()} + 1) ÷ weight:
     * the load the server would carry with this request, as HAProxy's fwlc keys its tree, so that weights count even when idle.
     * Compared by cross-multiplication, without division. Both weights must be positive.
     */
    static boolean lessLoaded(Server a, int weightA, Server b, int weightB) {
        return (long) (a.load() + 1) * weightB < (long) (b.load() + 1) * weightA;
    }
}
