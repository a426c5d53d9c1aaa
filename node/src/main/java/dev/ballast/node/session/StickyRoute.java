package dev.ballast.node.session;

import dev.ballast.node.balance.Server;

/**
 * Where a request goes, sticky sessions considered.
 *
 * @param outcome   SERVER: send to {@code server}; QUEUE: every server that could take it is at its maxconn, wait
 *                  and ask again; UNAVAILABLE: no server can take it (503)
 * @param server    the server for SERVER, else null
 * @param setCookie for SERVER, a Set-Cookie header value to add to the response (with
 *                  {@code Cache-Control: private}), or null when the client's cookie stays as it is
 */
public record StickyRoute(Outcome outcome, Server server, String setCookie) {

    public enum Outcome { SERVER, QUEUE, UNAVAILABLE }

    public static final StickyRoute QUEUE = new StickyRoute(Outcome.QUEUE, null, null);
    public static final StickyRoute UNAVAILABLE = new StickyRoute(Outcome.UNAVAILABLE, null, null);

    public StickyRoute {
        if ((outcome == Outcome.SERVER) != (server != null)) {
            throw new IllegalArgumentException("a route has a server exactly when its outcome is SERVER");
        }
    }

    public static StickyRoute to(Server server, String setCookie) {
        return new StickyRoute(Outcome.SERVER, server, setCookie);
    }

    /** The route for what the balancer picked: that server, or why there is none. */
    static StickyRoute picked(Server server, boolean anyUsable) {
        if (server != null) {
            return to(server, null);
        }
        return anyUsable ? QUEUE : UNAVAILABLE;
    }
}
