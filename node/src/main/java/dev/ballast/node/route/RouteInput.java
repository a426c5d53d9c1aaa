package dev.ballast.node.route;

/**
 * The parts of a request a {@link Router} looks at. Implemented by the proxy over its own request
 * object so routing needs no copy of the request.
 */
public interface RouteInput {

    /** The request method as received (methods are case-sensitive). */
    String method();

    /** The Host header value as received, possibly with a port or a bracketed IPv6 literal; null if absent. */
    String host();

    /** The request path without the query string. */
    String path();

    /** The first value of the named header (case-insensitive name), or null if absent. */
    String header(String name);
}
